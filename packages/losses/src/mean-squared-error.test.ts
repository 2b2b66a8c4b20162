import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, grad, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { meanSquaredError } from './mean-squared-error';

const y = () => tensor([[1, 2], [3, 4]]);
const t = () => tensor([[0, 2], [1, 1]]);

describe('meanSquaredError', () => {
  it('is a Loss', () => {
    const loss: Loss = meanSquaredError;
    expect(loss(y(), y()).item()).toBe(0);
  });

  it('is the mean of (y − t)² over all elements, without a ½', () => {
    // (1 + 0 + 4 + 9) / 4
    expect(meanSquaredError(y(), t()).item()).toBeCloseTo(3.5, 6);
  });

  it('scales each sample by its weight and still divides by the element count', () => {
    // (2·(1 + 0) + 0.5·(4 + 9)) / 4
    expect(meanSquaredError(y(), t(), tensor([2, 0.5])).item()).toBeCloseTo(2.125, 6);
  });

  it('has the gradient 2(y − t) / numel', () => {
    const g = grad((p) => meanSquaredError(p.y, t()), { y: y() });
    expect(g.y).toBeAllClose([[0.5, 0], [1, 1.5]]);
  });

  it('has the analytic gradient in float64, with and without weights', () => {
    const target = tensor([0.3, -1.2, 0.5, 2.1], [4], 'float64');
    const params = { y: tensor([1.1, -0.4, 0.9, -0.2], [4], 'float64') };
    expectGradClose((p) => meanSquaredError(p.y, target), params);
    expectGradClose((p) => meanSquaredError(p.y, target, tensor([0.25, 3, 1, 0], [4], 'float64')), params);
  });

  it('refuses shapes that differ instead of broadcasting them', () => {
    expect(() => meanSquaredError(tensor([1, 2, 3]), tensor([[1, 2, 3]]))).toThrow(
      new ShapeError('meanSquaredError', 'prediction [3] and target [1,3] must have the same shape (nothing is broadcast)'),
    );
  });

  it('refuses int32 targets', () => {
    expect(() => meanSquaredError(tensor([1, 2]), tensor([1, 2], [2], 'int32'))).toThrow(DTypeError);
  });
});
