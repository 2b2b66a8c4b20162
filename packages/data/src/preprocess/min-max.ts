import { ValueError, add, mul, sub } from '@nn/tensor';
import type { FloatDType } from '@nn/tensor';
import { type FittedPreprocessor, type Preprocessor, constant, numbersFromJson, rowsOf, sampleMap, shapeFromJson, trainingSamples } from './preprocessor';

export interface MinMaxOptions {
  /** The interval [lo, hi] the training minimum and maximum of each feature map to; default [0, 1]. */
  readonly range?: readonly [number, number];
}

/** What a fitted min-max scaling keeps: each feature's training minimum and maximum, row-major. */
export interface MinMaxState {
  readonly [key: string]: number[];
  readonly featureShape: number[];
  readonly min: number[];
  readonly max: number[];
}

/**
 * x' = lo + (x − min)·(hi − lo) / (max − min) per feature, min and max taken over the training
 * samples (new data may fall outside [lo, hi]). A constant feature maps to lo. Inverse:
 * x = min + (x' − lo)·(max − min) / (hi − lo).
 */
export function minMax({ range = [0, 1] }: MinMaxOptions = {}): Preprocessor<FittedPreprocessor<MinMaxState>> {
  const [lo, hi] = checkRange('minMax', range);
  return {
    kind: 'minMax',
    config: { range: [lo, hi] },
    fit(data) {
      const op = 'minMax.fit';
      const x = trainingSamples(op, data);
      const { data: v, n, f } = rowsOf(op, x);
      const min = new Array<number>(f).fill(Infinity);
      const max = new Array<number>(f).fill(-Infinity);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < f; j++) {
          const a = v[i * f + j];
          if (a < min[j]) min[j] = a;
          if (a > max[j]) max[j] = a;
        }
      }
      return fittedMinMax([lo, hi], { featureShape: x.shape.slice(1), min, max });
    },
  };
}

export function fittedMinMax([lo, hi]: readonly [number, number], state: MinMaxState): FittedPreprocessor<MinMaxState> {
  const { featureShape, min, max } = state;
  // x' = x·scale + shift with scale = (hi − lo)/(max − min) (0 for a constant feature) and shift = lo − min·scale
  const scaleValues = min.map((m, j) => (max[j] > m ? (hi - lo) / (max[j] - m) : 0));
  const scale = constant(scaleValues, featureShape);
  const shift = constant(min.map((m, j) => lo - m * scaleValues[j]), featureShape);
  const lower = constant(min, featureShape);
  // NOTE: the inverse divides by (hi − lo)/(max − min) only where it is nonzero; a constant feature returns its value.
  const width = constant(min.map((m, j) => (max[j] > m ? (max[j] - m) / (hi - lo) : 0)), featureShape);
  const dtype = (t: { dtype: string }) => t.dtype as FloatDType;
  const config = { range: [lo, hi] };
  return Object.freeze({
    kind: 'minMax',
    config,
    state,
    transform: sampleMap('minMax.transform', featureShape, (x) => add(mul(x, scale(dtype(x))), shift(dtype(x)))),
    inverseTransform: sampleMap('minMax.inverseTransform', featureShape, (z) => add(mul(sub(z, lo), width(dtype(z))), lower(dtype(z)))),
    toJSON: () => ({ kind: 'minMax', config, state }),
  });
}

export function checkRange(op: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new ValueError(op, `range must be [lo, hi] with finite lo < hi, got ${JSON.stringify(range)}`);
  }
  return [range[0], range[1]];
}

/** Rebuilds a fitted min-max scaling from its JSON config and state, checked. */
export function minMaxFromState(op: string, config: { readonly [key: string]: unknown }, state: { readonly [key: string]: unknown }): FittedPreprocessor<MinMaxState> {
  const featureShape = shapeFromJson(op, state.featureShape as never, 'featureShape');
  const f = featureShape.reduce((a, b) => a * b, 1);
  return fittedMinMax(checkRange(op, config.range), {
    featureShape,
    min: numbersFromJson(op, state.min as never, 'min', f),
    max: numbersFromJson(op, state.max as never, 'max', f),
  });
}

