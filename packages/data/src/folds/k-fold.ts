import { ValueError } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import type { Dataset } from '../dataset';

/** One round of cross-validation: the sample indices to train on and the held-out ones, each ascending. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export interface KFoldOptions {
  /** Number of folds, 2 ≤ k ≤ N. */
  readonly k: number;
  /** Shuffles the samples before cutting them into folds; without it the folds are consecutive blocks. */
  readonly rng?: Rng;
}

/**
 * k-fold cross-validation: the N samples (of `data`, or 0 … N − 1 for a number) cut into k disjoint
 * test folds that cover every sample once, the first N mod k of size ⌈N/k⌉ and the rest ⌊N/k⌋ (as
 * scikit-learn's `KFold`); each fold trains on the other k − 1. Use with `subset(ds, fold.train)`.
 * @see M. Stone, "Cross-validatory choice and assessment of statistical predictions", JRSS B 36(2), 1974
 */
export function kFold(data: Dataset | number, { k, rng }: KFoldOptions): Fold[] {
  const op = 'kFold';
  const n = sampleCount(op, data);
  checkK(op, k, n);
  const order = rng ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const foldOf = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let j = start; j < start + size; j++) foldOf[order[j]] = f;
    start += size;
  }
  return foldsFrom(foldOf, k);
}

/** The folds given each sample's test fold: test = samples of fold f, train = the rest, both ascending. */
export function foldsFrom(foldOf: Int32Array, k: number): Fold[] {
  const sizes = new Int32Array(k);
  for (const f of foldOf) sizes[f]++;
  return Array.from({ length: k }, (_, f) => {
    const test = new Int32Array(sizes[f]);
    const train = new Int32Array(foldOf.length - sizes[f]);
    for (let i = 0, a = 0, b = 0; i < foldOf.length; i++) {
      if (foldOf[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    return Object.freeze({ train, test });
  });
}

/** N: the sample count of a Dataset, or the number itself (a non-negative integer). */
export function sampleCount(op: string, data: Dataset | number): number {
  if (typeof data === 'number') {
    if (!Number.isInteger(data) || data < 0) throw new ValueError(op, `expected a sample count (a non-negative integer) or a Dataset, got ${data}`);
    return data;
  }
  if (data === null || typeof data !== 'object' || !('x' in data)) {
    throw new ValueError(op, `expected a sample count or a Dataset, got ${data === null ? 'null' : typeof data}`);
  }
  return data.x.shape[0];
}

/** 2 ≤ k ≤ n, k an integer. */
export function checkK(op: string, k: number, n: number): void {
  if (!Number.isInteger(k) || k < 2) throw new ValueError(op, `k must be an integer ≥ 2, got ${k}`);
  if (k > n) throw new ValueError(op, `k = ${k} folds need at least ${k} samples, got ${n}`);
}
