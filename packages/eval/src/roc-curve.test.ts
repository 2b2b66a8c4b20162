import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError, createRng, tensor } from '@nn/tensor';
import { rocAuc, rocCurve } from './roc-curve';

/** Mann–Whitney: the fraction of (positive, negative) pairs where the positive scores higher, ties ½. */
function mannWhitney(s: number[], y: number[]): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    for (let j = 0; j < s.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      pairs++;
      u += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return u / pairs;
}

describe('rocCurve', () => {
  it('steps through the distinct scores from the highest down', () => {
    // scores 0.9(+) 0.8(−) 0.7(+) 0.2(−): P = 2, N = 2
    const roc = rocCurve(tensor([0.9, 0.8, 0.7, 0.2]), tensor([1, 0, 1, 0]));
    expect(roc.thresholds).toEqual([Infinity, 0.9, 0.8, 0.7, 0.2].map((v) => (v === Infinity ? v : Math.fround(v))));
    expect(roc.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(roc.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
  });

  it('moves both rates in one step over tied scores', () => {
    // 0.5 is shared by one positive and one negative: one diagonal step from (0, 0.5) to (0.5, 1)
    const roc = rocCurve(tensor([0.9, 0.5, 0.5, 0.1], [4], 'float64'), tensor([1, 1, 0, 0]));
    expect(roc.thresholds).toEqual([Infinity, 0.9, 0.5, 0.1]);
    expect(roc.tpr).toEqual([0, 0.5, 1, 1]);
    expect(roc.fpr).toEqual([0, 0, 0.5, 1]);
  });

  it('takes ±1 targets and [N, 1] scores', () => {
    const roc = rocCurve(tensor([[2], [-1]]), tensor([1, -1]));
    expect(roc.tpr).toEqual([0, 1, 1]);
    expect(roc.fpr).toEqual([0, 0, 1]);
  });

  it('refuses one class only, odd labels, NaN scores and mismatched shapes', () => {
    expect(() => rocCurve(tensor([0.1, 0.2]), tensor([1, 1]))).toThrow(
      new ValueError('rocCurve', 'needs both classes, got 2 positive and 0 negative samples'),
    );
    expect(() => rocCurve(tensor([0.1, 0.2]), tensor([1, 2]))).toThrow(new ValueError('rocCurve', 'binary target 2 at position 1 is not 0, 1 or −1'));
    expect(() => rocCurve(tensor([NaN, 0.2]), tensor([1, 0]))).toThrow(new ValueError('rocCurve', 'score is NaN at position 0'));
    expect(() => rocCurve(tensor([[0.1, 0.9]]), tensor([1]))).toThrow(ShapeError);
    expect(() => rocCurve(tensor([0.1, 0.2]), tensor([1]))).toThrow(ShapeError);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and ½ for constant scores', () => {
    expect(rocAuc(tensor([3, 2, 1, 0]), tensor([1, 1, 0, 0]))).toBe(1);
    expect(rocAuc(tensor([0, 1, 2, 3]), tensor([1, 1, 0, 0]))).toBe(0);
    expect(rocAuc(tensor([1, 1, 1, 1]), tensor([1, 0, 1, 0]))).toBe(0.5);
  });

  it('is 3/4 on the four-sample example (trapezoids 0·½ + ½·... by hand)', () => {
    // points (0,0) (0,½) (½,½) (½,1) (1,1): area = ½·½ + ½·1 = 0.75
    expect(rocAuc(tensor([0.9, 0.8, 0.7, 0.2]), tensor([1, 0, 1, 0]))).toBe(0.75);
  });

  it('equals the Mann–Whitney statistic U/(P·N), ties counting ½', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(40);
      // scores on a coarse grid so that ties are frequent
      const s = Array.from({ length: n }, () => rng.int(6) / 5);
      const y = s.map((_, i) => (i < 2 ? i : rng.int(2)));
      const auc = rocAuc(tensor(s, [n], 'float64'), tensor(y, [n], 'int32'));
      expect(auc).toBeCloseTo(mannWhitney(s, y), 12);
    }
  });
});
