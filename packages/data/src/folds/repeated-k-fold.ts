import { ValueError } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import type { Dataset } from '../dataset';
import { type Fold, kFold } from './k-fold';
import { stratifiedKFold } from './stratified-k-fold';

export interface RepeatedKFoldOptions {
  /** Folds per repetition. */
  readonly k: number;
  /** How many times the whole k-fold split is drawn anew (≥ 1). */
  readonly repeats: number;
  /** Draws every repetition's shuffle: the same seed, the same folds. */
  readonly rng: Rng;
  /** Stratified folds (int32 class labels needed), as `stratifiedKFold`. Default false. */
  readonly stratify?: boolean;
}

/**
 * `repeats` independent shuffled k-fold splits, one after the other: k·repeats folds, those of
 * repetition r at positions r·k … r·k + k − 1. Averaging over repetitions lowers the variance that
 * one particular split adds to a cross-validation estimate.
 */
export function repeatedKFold(data: Dataset | number, { k, repeats, rng, stratify = false }: RepeatedKFoldOptions): Fold[] {
  const op = 'repeatedKFold';
  if (!Number.isInteger(repeats) || repeats < 1) throw new ValueError(op, `repeats must be a positive integer, got ${repeats}`);
  if (typeof rng?.permutation !== 'function') throw new ValueError(op, 'needs an rng to shuffle each repetition: pass { rng: createRng(seed) }');
  if (stratify && typeof data === 'number') throw new ValueError(op, 'stratify needs a Dataset with class labels, got a sample count');
  const folds: Fold[] = [];
  for (let r = 0; r < repeats; r++) {
    folds.push(...(stratify ? stratifiedKFold(data as Dataset, { k, rng }) : kFold(data, { k, rng })));
  }
  return folds;
}
