import { div, mul, add, sub } from '@nn/tensor';
import type { FloatDType } from '@nn/tensor';
import { fitStandardizer } from '../standardize';
import { type FittedPreprocessor, type Preprocessor, constant, numbersFromJson, sampleMap, shapeFromJson, trainingSamples } from './preprocessor';

/** What a fitted z-score keeps: the per-feature mean and std (1 for a constant feature), row-major. */
export interface ZScoreState {
  readonly [key: string]: number[];
  readonly featureShape: number[];
  readonly mean: number[];
  readonly std: number[];
}

/**
 * z = (x − mean) / std per feature, the statistics taken over the training samples (population std,
 * ÷ N; std 1 for a constant feature): `fitStandardizer`/`applyStandardizer` as a fit / transform /
 * inverseTransform step that serializes. Inverse: x = z·std + mean.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.3 (normalizing the inputs)
 */
export function zScore(): Preprocessor<FittedPreprocessor<ZScoreState>> {
  return {
    kind: 'zScore',
    config: {},
    fit(data) {
      const x = trainingSamples('zScore.fit', data);
      const { mean, std } = fitStandardizer(x);
      return fittedZScore({ featureShape: x.shape.slice(1), mean: Array.from(mean.dataSync()), std: Array.from(std.dataSync()) });
    },
  };
}

export function fittedZScore(state: ZScoreState): FittedPreprocessor<ZScoreState> {
  const { featureShape, mean, std } = state;
  const m = constant(mean, featureShape);
  const s = constant(std, featureShape);
  const dtype = (t: { dtype: string }) => t.dtype as FloatDType;
  return Object.freeze({
    kind: 'zScore',
    config: {},
    state,
    transform: sampleMap('zScore.transform', featureShape, (x) => div(sub(x, m(dtype(x))), s(dtype(x)))),
    inverseTransform: sampleMap('zScore.inverseTransform', featureShape, (z) => add(mul(z, s(dtype(z))), m(dtype(z)))),
    toJSON: () => ({ kind: 'zScore', config: {}, state }),
  });
}

/** Rebuilds a fitted z-score from its JSON state, checked. */
export function zScoreFromState(op: string, state: { readonly [key: string]: unknown }): FittedPreprocessor<ZScoreState> {
  const featureShape = shapeFromJson(op, state.featureShape as never, 'featureShape');
  const f = featureShape.reduce((a, b) => a * b, 1);
  return fittedZScore({
    featureShape,
    mean: numbersFromJson(op, state.mean as never, 'mean', f),
    std: numbersFromJson(op, state.std as never, 'std', f),
  });
}
