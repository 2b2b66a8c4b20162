import { DTypeError, ShapeError, ValueError, fromTypedArray, isTensor } from '@nn/tensor';
import type { FloatDType, Json, Tensor } from '@nn/tensor';
import type { Dataset } from '../dataset';

/** What `toJSON()` gives and `preprocessorFromJSON` takes: plain data, safe to save with a model. */
export interface PreprocessorJson {
  readonly kind: string;
  readonly config: { readonly [key: string]: Json };
  readonly state: { readonly [key: string]: Json };
}

/** A preprocessing step not yet fitted: `fit` learns its statistics from the TRAINING samples only. */
export interface Preprocessor<F extends FittedPreprocessor = FittedPreprocessor> {
  readonly kind: string;
  readonly config: { readonly [key: string]: Json };
  /** Learns from the samples of `data` (a tensor [N, …features] or a Dataset's x); leaves them alone. */
  fit(data: Tensor | Dataset): F;
}

/** A fitted preprocessing step: the same map, with the training statistics, for every set. */
export interface FittedPreprocessor<S extends { readonly [key: string]: Json } = { readonly [key: string]: Json }> extends PreprocessorJson {
  readonly state: S;
  /** The map applied to each sample of a tensor, or to a Dataset's x (y and extra fields kept). */
  transform<T extends Tensor | Dataset>(data: T): T;
  /** The inverse map (for PCA with dropped components: the reconstruction from the kept ones). */
  inverseTransform<T extends Tensor | Dataset>(data: T): T;
  toJSON(): PreprocessorJson;
}

/** The samples of `data` as a float tensor [N, …] with at least one sample; throws naming `op` otherwise. */
export function trainingSamples(op: string, data: Tensor | Dataset): Tensor {
  const x = isTensor(data) ? data : (data as Dataset | undefined)?.x;
  if (!isTensor(x)) throw new ValueError(op, `expected a Tensor of samples or a Dataset, got ${data === null ? 'null' : typeof data}`);
  if (x.dtype === 'int32') throw new DTypeError(op, "expected float32 or float64 samples, got int32; convert with cast(x, 'float32')");
  if (x.rank < 2 || x.shape[0] === 0) throw new ShapeError(op, `expected samples [N, …features] with N ≥ 1, got shape [${x.shape.join(',')}]`);
  return x;
}

/** The samples as rows of float64 numbers, checked finite: [N·F] with F = product of the feature axes. */
export function rowsOf(op: string, x: Tensor): { data: Float64Array; n: number; f: number } {
  const n = x.shape[0];
  const f = x.size / n;
  const data = Float64Array.from(x.dataSync());
  for (let i = 0; i < data.length; i++) {
    if (data[i] - data[i] !== 0) throw new ValueError(op, `x has ${data[i]} at sample ${Math.floor(i / f)}, feature ${i % f}; expected finite values`);
  }
  return { data, n, f };
}

/**
 * Wraps a sample map so that it takes tensors or Datasets and checks the sample shape: `features`
 * is the shape one sample must have after the first axis.
 */
export function sampleMap(
  op: string,
  features: readonly number[],
  map: (x: Tensor) => Tensor,
): <T extends Tensor | Dataset>(data: T) => T {
  return <T extends Tensor | Dataset>(data: T): T => {
    const x = isTensor(data) ? data : (data as Dataset | undefined)?.x;
    if (!isTensor(x)) throw new ValueError(op, `expected a Tensor of samples or a Dataset, got ${data === null ? 'null' : typeof data}`);
    if (x.dtype === 'int32') throw new DTypeError(op, "expected float32 or float64 samples, got int32; convert with cast(x, 'float32')");
    const got = x.shape.slice(1);
    if (x.rank < 1 || got.length !== features.length || got.some((d, i) => d !== features[i])) {
      throw new ShapeError(op, `expected samples of shape [${features.join(',')}], got x of shape [${x.shape.join(',')}]`);
    }
    const out = map(x);
    return (isTensor(data) ? out : Object.freeze({ ...(data as Dataset), x: out })) as T;
  };
}

/** A per-dtype cache of a constant tensor built from float64 values. */
export function constant(values: readonly number[], shape: readonly number[]): (dtype: FloatDType) => Tensor {
  const cache = new Map<FloatDType, Tensor>();
  return (dtype) => {
    let t = cache.get(dtype);
    if (!t) {
      t = fromTypedArray(dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values), [...shape], dtype);
      cache.set(dtype, t);
    }
    return t;
  };
}

/** A non-negative integer array (a shape) read back from JSON, or a ValueError naming `op`. */
export function shapeFromJson(op: string, v: Json | undefined, name: string): number[] {
  if (!Array.isArray(v) || v.some((d) => !Number.isInteger(d) || (d as number) < 0)) throw new ValueError(op, `state.${name} must be a shape (an array of integers), got ${JSON.stringify(v)}`);
  return v as number[];
}

/** A finite number array of length `length` read back from JSON, or a ValueError naming `op`. */
export function numbersFromJson(op: string, v: Json | undefined, name: string, length: number): number[] {
  if (!Array.isArray(v) || v.length !== length || v.some((d) => typeof d !== 'number' || !Number.isFinite(d))) {
    throw new ValueError(op, `state.${name} must hold ${length} finite numbers, got ${Array.isArray(v) ? `${v.length} values` : JSON.stringify(v)}`);
  }
  return v as number[];
}
