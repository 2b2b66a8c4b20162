import { DTypeError, ValueError } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { type Fold, checkK, foldsFrom } from './k-fold';

export interface StratifiedKFoldOptions {
  /** Number of folds, 2 ≤ k ≤ the size of the smallest class. */
  readonly k: number;
  /** Shuffles each class before dealing it out; without it the folds take the samples in data order. */
  readonly rng?: Rng;
}

/**
 * k-fold cross-validation that keeps each class's share in every fold: the samples of each class
 * (int32 labels `y`, classes in ascending order, one after the other) are dealt to the folds in turn,
 * so every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ of class c and fold sizes differ by at most one.
 * @see R. Kohavi, "A study of cross-validation and bootstrap for accuracy estimation and model selection", IJCAI 1995
 */
export function stratifiedKFold(ds: Dataset, { k, rng }: StratifiedKFoldOptions): Fold[] {
  const op = 'stratifiedKFold';
  const groups = classGroups(op, ds);
  const n = ds.y.shape[0];
  checkK(op, k, n);
  const smallest = groups.reduce((m, g) => (g.indices.length < m.indices.length ? g : m), groups[0]);
  if (k > smallest.indices.length) {
    throw new ValueError(op, `k = ${k} folds need at least ${k} samples of every class, but class ${smallest.label} has ${smallest.indices.length}`);
  }
  const foldOf = new Int32Array(n);
  let p = 0;
  for (const { indices } of groups) {
    if (rng) rng.shuffle(indices);
    for (const i of indices) foldOf[i] = p++ % k;
  }
  return foldsFrom(foldOf, k);
}

/** The sample indices of each class, classes ascending; needs int32 labels y of shape [N]. */
export function classGroups(op: string, ds: Dataset): { label: number; indices: number[] }[] {
  const y = ds?.y;
  if (y === undefined || y.dtype !== 'int32' || y.rank !== 1) {
    throw new DTypeError(op, `expected int32 class labels y of shape [N], got ${y === undefined ? 'no y' : `${y.dtype} of shape [${y.shape.join(',')}]`}`);
  }
  const byClass = new Map<number, number[]>();
  const labels = y.dataSync();
  for (let i = 0; i < labels.length; i++) {
    const g = byClass.get(labels[i]);
    if (g) g.push(i);
    else byClass.set(labels[i], [i]);
  }
  return [...byClass.keys()].sort((a, b) => a - b).map((label) => ({ label, indices: byClass.get(label)! }));
}
