import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, tensor } from '@nn/tensor';
import { r2Score } from './r2-score';

describe('r2Score', () => {
  it('is 1 − SS_res / SS_tot', () => {
    // t = 1 2 3 4 (mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5); y = 1 2 3 5 → SS_res = 1 → R² = 0.8
    expect(r2Score(tensor([1, 2, 3, 5]), tensor([1, 2, 3, 4]))).toBeCloseTo(0.8, 12);
  });

  it('is 0 for the mean, negative for worse, 1 for a perfect fit', () => {
    expect(r2Score(tensor([2.5, 2.5, 2.5, 2.5]), tensor([1, 2, 3, 4]))).toBe(0);
    // y = 4 3 2 1 → SS_res = 9 + 1 + 1 + 9 = 20 → R² = 1 − 4 = −3
    expect(r2Score(tensor([4, 3, 2, 1]), tensor([1, 2, 3, 4]))).toBeCloseTo(-3, 12);
    expect(r2Score(tensor([[1], [2]]), tensor([[1], [2]]))).toBe(1);
  });

  it('refuses constant targets, int32 tensors and different shapes', () => {
    expect(() => r2Score(tensor([1, 2]), tensor([3, 3]))).toThrow(new ValueError('r2Score', 'the targets are constant (all 3): R² is undefined'));
    expect(() => r2Score(tensor([1, 2], [2], 'int32'), tensor([3, 4]))).toThrow(DTypeError);
    expect(() => r2Score(tensor([1, 2]), tensor([[1, 2]]))).toThrow(
      new ShapeError('r2Score', 'prediction [2] and target [1,2] must have the same shape (nothing is broadcast)'),
    );
  });
});
