import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, createRng, tensor, zeros } from '@nn/tensor';
import { dataset } from '../dataset';
import { stratifiedKFold } from './stratified-k-fold';

function labelled(labels: number[]) {
  return dataset(zeros([labels.length, 1]), tensor(labels, [labels.length], 'int32'));
}
// 40 of class 0, 15 of class 1, 5 of class 2, interleaved
const labels = Array.from({ length: 60 }, (_, i) => (i % 12 < 8 ? 0 : i % 12 < 11 ? 1 : 2));
const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => labels[i] === c).length;

describe('stratifiedKFold', () => {
  it('gives every fold each class in its overall proportion', () => {
    const folds = stratifiedKFold(labelled(labels), { k: 5, rng: createRng(2) });
    // 40/5 = 8, 15/5 = 3, 5/5 = 1 of each class in every test fold
    for (const f of folds) expect([0, 1, 2].map((c) => count(f.test, c))).toEqual([8, 3, 1]);
    expect(folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
  });

  it('keeps class counts within one when they do not divide by k, and fold sizes within one', () => {
    const folds = stratifiedKFold(labelled(labels), { k: 4 });
    // 40/4 = 10; 15/4 → 3 or 4; 5/4 → 1 or 2
    for (const f of folds) {
      expect(count(f.test, 0)).toBe(10);
      expect([3, 4]).toContain(count(f.test, 1));
      expect([1, 2]).toContain(count(f.test, 2));
    }
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b)).toBe(60);
  });

  it('refuses more folds than the smallest class has samples', () => {
    expect(() => stratifiedKFold(labelled(labels), { k: 6 })).toThrow(ValueError);
    expect(() => stratifiedKFold(labelled(labels), { k: 6 })).toThrow('stratifiedKFold: k = 6 folds need at least 6 samples of every class, but class 2 has 5');
    expect(() => stratifiedKFold(labelled([0, 1]), { k: 1 })).toThrow('stratifiedKFold: k must be an integer ≥ 2, got 1');
  });

  it('needs int32 labels', () => {
    expect(() => stratifiedKFold(dataset(zeros([4, 1]), zeros([4])), { k: 2 })).toThrow(DTypeError);
  });
});
