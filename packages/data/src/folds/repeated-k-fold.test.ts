import { describe, expect, it } from 'vitest';
import { ValueError, createRng, tensor, zeros } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import { dataset } from '../dataset';
import { repeatedKFold } from './repeated-k-fold';

describe('repeatedKFold', () => {
  it('draws k·repeats folds, each repetition a partition of its own', () => {
    const folds = repeatedKFold(12, { k: 3, repeats: 2, rng: createRng(4) });
    expect(folds).toHaveLength(6);
    for (const r of [0, 1]) {
      const tests = folds.slice(3 * r, 3 * r + 3).flatMap((f) => Array.from(f.test));
      expect(tests.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
    expect(Array.from(folds[0].test)).not.toEqual(Array.from(folds[3].test));
  });

  it('stratifies on request', () => {
    const y = tensor([0, 0, 0, 0, 1, 1, 1, 1], [8], 'int32');
    const folds = repeatedKFold(dataset(zeros([8, 1]), y), { k: 2, repeats: 3, rng: createRng(1), stratify: true });
    for (const f of folds) expect(Array.from(f.test).filter((i) => i >= 4)).toHaveLength(2);
  });

  it('refuses bad repeats and a missing rng', () => {
    expect(() => repeatedKFold(10, { k: 2, repeats: 0, rng: createRng(0) })).toThrow('repeatedKFold: repeats must be a positive integer, got 0');
    expect(() => repeatedKFold(10, { k: 2, repeats: 2, rng: undefined as unknown as Rng })).toThrow(ValueError);
  });
});
