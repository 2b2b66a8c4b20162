import { describe, expect, it } from 'vitest';
import { ValueError, createRng, tensor, zeros } from '@nn/tensor';
import { dataset } from '../dataset';
import { kFold } from './k-fold';

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('kFold', () => {
  it('cuts 10 samples into folds of 4, 3, 3 in order without an rng', () => {
    // 10 mod 3 = 1: the first fold gets ⌈10/3⌉ = 4, the others ⌊10/3⌋ = 3
    const folds = kFold(10, { k: 3 });
    expect(folds.map((f) => Array.from(f.test))).toEqual([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(Array.from(folds[1].train)).toEqual([0, 1, 2, 3, 7, 8, 9]);
  });

  it('with an rng, the test folds still partition the samples and each train is the complement', () => {
    const folds = kFold(dataset(zeros([23, 2]), zeros([23])), { k: 5, rng: createRng(3) });
    expect(folds.map((f) => f.test.length)).toEqual([5, 5, 5, 4, 4]);
    expect(folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b)).toEqual(all(23));
    for (const { train, test } of folds) {
      expect([...train, ...test].sort((a, b) => a - b)).toEqual(all(23));
      expect(Array.from(train)).toEqual([...train].sort((a, b) => a - b));
    }
    expect(folds.map((f) => Array.from(f.test))).not.toEqual(kFold(23, { k: 5 }).map((f) => Array.from(f.test)));
  });

  it('is reproducible with the same seed', () => {
    const a = kFold(30, { k: 4, rng: createRng(9) });
    const b = kFold(30, { k: 4, rng: createRng(9) });
    expect(a.map((f) => Array.from(f.test))).toEqual(b.map((f) => Array.from(f.test)));
  });

  it('allows leave-one-out (k = N)', () => {
    expect(kFold(4, { k: 4 }).map((f) => Array.from(f.test))).toEqual([[0], [1], [2], [3]]);
  });

  it('refuses k < 2, k > N and a bad sample count', () => {
    expect(() => kFold(10, { k: 1 })).toThrow(ValueError);
    expect(() => kFold(10, { k: 1 })).toThrow('kFold: k must be an integer ≥ 2, got 1');
    expect(() => kFold(dataset(zeros([3, 1]), tensor([0, 1, 0], [3], 'int32')), { k: 4 })).toThrow('kFold: k = 4 folds need at least 4 samples, got 3');
    expect(() => kFold(2.5, { k: 2 })).toThrow('kFold: expected a sample count (a non-negative integer) or a Dataset, got 2.5');
  });
});
