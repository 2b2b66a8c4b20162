import { ValueError } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { type SyntheticOptions, classSize, finiteNumber, labelled, syntheticOptions } from './synthetic';

export interface BlobsOptions extends SyntheticOptions {
  /** One center per class, all of the same dimension D. Default [[−2, 0], [2, 0]]. */
  readonly centers?: readonly (readonly number[])[];
  /** σ of every coordinate: class k is N(centerₖ, σ²·I). Default 1. */
  readonly std?: number;
}

/**
 * Gaussian blobs: class k (k = 0 … K − 1) drawn from N(centerₖ, σ²·I), in class order; x [N, D],
 * y int32 [N]. With equal σ the Bayes-optimal boundary between two blobs is the plane bisecting
 * their centers; far-apart centers (distance ≫ σ) are separable in practice but not guaranteed
 * (see {@link linearlySeparable} for a guarantee).
 */
export function blobs(options: BlobsOptions): Dataset {
  const op = 'blobs';
  const { n, rng, dtype } = syntheticOptions(op, options);
  const { centers = [[-2, 0], [2, 0]], std = 1 } = options;
  finiteNumber(op, 'std', std, { min: 0 });
  if (!Array.isArray(centers) || centers.length === 0) throw new ValueError(op, 'centers must be a non-empty array of points');
  const d = centers[0].length;
  if (d === 0 || centers.some((c) => c.length !== d || c.some((v: number) => !Number.isFinite(v)))) {
    throw new ValueError(op, `every center must have the same number (${d}) of finite coordinates, got ${JSON.stringify(centers)}`);
  }
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let i = 0;
  centers.forEach((center, k) => {
    for (let m = classSize(n, centers.length, k); m > 0; m--, i++) {
      y[i] = k;
      for (let j = 0; j < d; j++) x[i * d + j] = rng.normal(center[j], std);
    }
  });
  return labelled(x, y, d, dtype);
}
