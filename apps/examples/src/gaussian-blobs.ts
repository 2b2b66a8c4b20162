import { createRng, dataset, fromTypedArray, type Dataset } from '@nn/core';

export interface GaussianBlobsOptions {
  /** One center per class; every center has the same number of coordinates D. */
  readonly centers: readonly (readonly number[])[];
  /** Samples drawn around each center. */
  readonly perClass: number;
  /** σ of every coordinate: each class is N(center, σ²·I). Default 1. */
  readonly std?: number;
  readonly seed?: number;
}

/**
 * A classification problem of Gaussian blobs: `perClass` points from N(centerₖ, σ²·I) for each class
 * k, as x float32 [N, D] and int32 labels y [N], in class order (split or shuffle them before use).
 * With equal priors and one σ, the Bayes-optimal rule is "the nearest center" ({@link nearestCenter}).
 */
export function gaussianBlobs({ centers, perClass, std = 1, seed = 0 }: GaussianBlobsOptions): Dataset {
  const rng = createRng(seed);
  const d = centers[0].length;
  const n = centers.length * perClass;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  centers.forEach((center, k) => {
    for (let i = k * perClass; i < (k + 1) * perClass; i++) {
      y[i] = k;
      for (let j = 0; j < d; j++) x[i * d + j] = rng.normal(center[j], std);
    }
  });
  return dataset(fromTypedArray(x, [n, d], 'float32'), fromTypedArray(y, [n], 'int32'));
}

/**
 * The Bayes-optimal classification of blobs with equal priors and one σ: the index of the nearest
 * center for each row of x [N, D], as class indices.
 */
export function nearestCenter(data: Dataset, centers: readonly (readonly number[])[]): Int32Array {
  const [n, d] = data.x.shape;
  const xs = data.x.dataSync();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    centers.forEach((center, k) => {
      let dist = 0;
      for (let j = 0; j < d; j++) dist += (xs[i * d + j] - center[j]) ** 2;
      if (dist < best) [best, out[i]] = [dist, k];
    });
  }
  return out;
}
