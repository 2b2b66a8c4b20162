import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError, tensor } from '@nn/tensor';
import { meanAbsoluteError } from './mean-absolute-error';

describe('meanAbsoluteError', () => {
  it('is the mean of |y − t| over all elements', () => {
    // |1−2| + |−1−1| + |3−3| + |0.5−(−0.5)| = 1 + 2 + 0 + 1 = 4, over 4 elements
    expect(meanAbsoluteError(tensor([[1, -1], [3, 0.5]]), tensor([[2, 1], [3, -0.5]]))).toBe(1);
  });

  it('refuses different shapes and empty tensors', () => {
    expect(() => meanAbsoluteError(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => meanAbsoluteError(tensor([]), tensor([]))).toThrow(
      new ValueError('meanAbsoluteError', 'no elements: the metric of an empty batch is undefined'),
    );
  });
});
