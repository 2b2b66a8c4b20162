import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, grad, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { sumSquaredError } from './sum-squared-error';

const y = () => tensor([[1, 2], [3, 4]]);
const t = () => tensor([[0, 2], [1, 1]]);

describe('sumSquaredError', () => {
  it('is a Loss', () => {
    const loss: Loss = sumSquaredError;
    expect(loss(y(), y()).item()).toBe(0);
  });

  it('is ½ Σ (y − t)² over samples and outputs', () => {
    // differences 1, 0, 2, 3 → ½ (1 + 0 + 4 + 9) = 7
    const e = sumSquaredError(y(), t());
    expect(e.shape).toEqual([]);
    expect(e.item()).toBeCloseTo(7, 6);
  });

  it('scales each sample by its weight', () => {
    // ½ (2·(1 + 0) + 0.5·(4 + 9)) = ½ · 8.5
    expect(sumSquaredError(y(), t(), tensor([2, 0.5])).item()).toBeCloseTo(4.25, 6);
  });

  it('has the gradient y − t', () => {
    const g = grad((p) => sumSquaredError(p.y, t()), { y: y() });
    expect(g.y).toBeAllClose([[1, 0], [2, 3]]);
  });

  it('has the analytic gradient in float64, with and without weights', () => {
    const target = tensor([[0.3, -1.2, 0.5], [2.1, 0.0, -0.7]], undefined, 'float64');
    const params = { y: tensor([[1.1, -0.4, 0.9], [-0.2, 0.6, 1.7]], undefined, 'float64') };
    expectGradClose((p) => sumSquaredError(p.y, target), params);
    expectGradClose((p) => sumSquaredError(p.y, target, tensor([0.25, 3], [2], 'float64')), params);
  });

  it('refuses shapes that differ instead of broadcasting them', () => {
    expect(() => sumSquaredError(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      new ShapeError('sumSquaredError', 'prediction [2,1] and target [2] must have the same shape (nothing is broadcast)'),
    );
  });

  it('refuses int32 predictions and mixed dtypes', () => {
    expect(() => sumSquaredError(tensor([1], [1], 'int32'), tensor([1], [1], 'int32'))).toThrow(
      new DTypeError('sumSquaredError', 'expected a float32 or float64 prediction, got int32'),
    );
    expect(() => sumSquaredError(tensor([1]), tensor([1], [1], 'float64'))).toThrow(
      new DTypeError('sumSquaredError', "target is float64 but prediction is float32; cast the target with cast(target, 'float32')"),
    );
  });
});
