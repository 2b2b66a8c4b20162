import { DTypeError, ShapeError, ValueError, div, fromTypedArray, isTensor, sub } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import type { Dataset } from './dataset';

/** Per-feature statistics of a training set: x ↦ (x − mean) / std. */
export interface Standardizer {
  /** Mean over the samples, shape x.shape.slice(1). */
  readonly mean: Tensor;
  /** Standard deviation over the samples (divided by N), 1 where a feature is constant. */
  readonly std: Tensor;
}

/**
 * The mean and standard deviation of each feature over the samples (axis 0) of `x`, to fit on the
 * TRAINING set only and then apply to every set. std is the population one (÷ N, as scikit-learn's
 * StandardScaler). A feature with the same value in every sample (the blank border pixels of MNIST)
 * gets std 1, so standardizing maps it to 0 instead of dividing by zero. For images [N, C, H, W]
 * the statistics are per pixel. Accumulated in float64; returned in x's dtype.
 */
export function fitStandardizer(x: Tensor): Standardizer {
  const op = 'fitStandardizer';
  if (!isTensor(x)) throw new ValueError(op, `expected a Tensor of samples, got ${typeof x}`);
  if (x.dtype === 'int32') throw new DTypeError(op, "expected float32 or float64 features, got int32; convert with cast(x, 'float32')");
  if (x.rank < 1 || x.shape[0] === 0) throw new ShapeError(op, `expected at least one sample along axis 0, got shape [${x.shape.join(',')}]`);
  const n = x.shape[0];
  const f = x.size / n;
  const data = x.dataSync();
  // (1) mean, min and max of each feature, in one pass
  const mean = new Float64Array(f);
  const lo = new Float64Array(f).fill(Infinity);
  const hi = new Float64Array(f).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0, k = i * f; j < f; j++, k++) {
      const v = data[k];
      if (v - v !== 0) throw new ValueError(op, `x has ${v} at sample ${i}, feature ${j}; expected finite values`);
      mean[j] += v;
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  for (let j = 0; j < f; j++) mean[j] /= n;
  // (2) variance about the mean (two passes: no cancellation as in E[x²] − E[x]²)
  const variance = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    for (let j = 0, k = i * f; j < f; j++, k++) {
      const d = data[k] - mean[j];
      variance[j] += d * d;
    }
  }
  const std = new Float64Array(f);
  // NOTE: constant means min = max, tested exactly: rounding in the mean leaves a tiny nonzero variance.
  for (let j = 0; j < f; j++) std[j] = lo[j] === hi[j] ? 1 : Math.sqrt(variance[j] / n);
  const shape = x.shape.slice(1);
  const as = (v: Float64Array) => fromTypedArray(x.dtype === 'float64' ? v : Float32Array.from(v), shape, x.dtype);
  return { mean: as(mean), std: as(std) };
}

/** (x − mean) / std for each sample of `x`, whose features must match the standardizer's. */
export function applyStandardizer(s: Standardizer, x: Tensor): Tensor {
  const op = 'applyStandardizer';
  if (!isTensor(x)) throw new ValueError(op, `expected a Tensor of samples, got ${typeof x}`);
  const features = x.shape.slice(1);
  if (x.rank < 1 || features.length !== s.mean.rank || features.some((d, i) => d !== s.mean.shape[i])) {
    throw new ShapeError(op, `the standardizer was fit on samples of shape [${s.mean.shape.join(',')}], got x of shape [${x.shape.join(',')}]`);
  }
  if (x.dtype !== s.mean.dtype) {
    throw new DTypeError(op, `the standardizer holds ${s.mean.dtype} statistics, got ${x.dtype} x; cast one explicitly`);
  }
  return div(sub(x, s.mean), s.std);
}

type Standardized<T> = T extends Tensor ? Tensor : T;

/**
 * Fits a {@link Standardizer} on `train` and applies it to `train` and every one of `others`
 * (tensors of samples, or Datasets, whose x is transformed and y kept):
 * `const { sets: [train, test], standardizer } = standardize(trainSet, testSet)`.
 */
export function standardize<A extends Tensor | Dataset, const T extends readonly (Tensor | Dataset)[]>(
  train: A,
  ...others: T
): { sets: [Standardized<A>, ...{ [K in keyof T]: Standardized<T[K]> }]; standardizer: Standardizer } {
  const standardizer = fitStandardizer(isTensor(train) ? train : train.x);
  const transform = <S extends Tensor | Dataset>(set: S): Standardized<S> =>
    (isTensor(set) ? applyStandardizer(standardizer, set) : Object.freeze({ ...set, x: applyStandardizer(standardizer, set.x) })) as Standardized<S>;
  return { sets: [transform(train), ...others.map(transform)] as never, standardizer };
}
