import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, tensor } from '@nn/tensor';
import { meanSquaredError } from './mean-squared-error';

describe('meanSquaredError', () => {
  it('is the mean of (y − t)² over all elements, as a number', () => {
    // differences 1, 0, 2, 3 → (1 + 0 + 4 + 9) / 4
    expect(meanSquaredError(tensor([[1, 2], [3, 4]]), tensor([[0, 2], [1, 1]]))).toBe(3.5);
  });

  it('computes in float64 whatever the float dtypes', () => {
    expect(meanSquaredError(tensor([0.1], [1], 'float64'), tensor([0], [1], 'float32'))).toBe(0.1 ** 2);
  });

  it('refuses shapes that differ, int32 and empty inputs', () => {
    expect(() => meanSquaredError(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      new ShapeError('meanSquaredError', 'prediction [2,1] and target [2] must have the same shape (nothing is broadcast)'),
    );
    expect(() => meanSquaredError(tensor([1]), tensor([1], [1], 'int32'))).toThrow(
      new DTypeError('meanSquaredError', 'expected a float32 or float64 target, got int32'),
    );
    expect(() => meanSquaredError(tensor([]), tensor([]))).toThrow(ValueError);
  });
});
