import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, ValueError, grad, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { multiclassHinge } from './multiclass-hinge';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');
// CS231n's example: three images (cat, car, frog), columns = class scores
const scores = () => tensor([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]);

describe('multiclassHinge', () => {
  it('is a Loss', () => {
    const loss: Loss = multiclassHinge;
    expect(loss(tensor([[5, 0]]), labels([0])).item()).toBe(0);
  });

  it('is the batch mean of Σ_{c≠y} max(0, 1 + z_c − z_y) (Weston–Watkins)', () => {
    // cat: max(0, 5.1 − 3.2 + 1) + max(0, −1.7 − 3.2 + 1) = 2.9; car: 0 + 0; frog: 6.3 + 6.6 = 12.9
    expect(multiclassHinge(scores(), labels([0, 1, 2])).item()).toBeCloseTo((2.9 + 0 + 12.9) / 3, 5);
  });

  it('has the gradient +1 per violating class and −(their count) at the true class, over N', () => {
    const g = grad((p) => multiclassHinge(p.z, labels([0, 1, 2])), { z: scores() });
    expect(g.z).toBeAllClose([[-1 / 3, 1 / 3, 0], [0, 0, 0], [1 / 3, 1 / 3, -2 / 3]]);
  });

  it('has the analytic gradient in float64 away from the kinks, with and without weights', () => {
    const params = { z: tensor([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1], [0.1, 0.4, 0.3]], undefined, 'float64') };
    expectGradClose((p) => multiclassHinge(p.z, labels([0, 1, 2, 1])), params);
    expectGradClose((p) => multiclassHinge(p.z, labels([0, 1, 2, 1]), tensor([1, 2, 0.5, 3], [4], 'float64')), params);
  });

  it('refuses labels out of range, float labels and logits that are not [N, C]', () => {
    expect(() => multiclassHinge(scores(), labels([0, 1, 3]))).toThrow(
      new ValueError('multiclassHinge', 'label 3 at position 2 is out of range for 3 classes (expected 0 … 2)'),
    );
    expect(() => multiclassHinge(scores(), tensor([0, 1, 2]))).toThrow(
      new DTypeError('multiclassHinge', 'expected int32 class labels as target, got float32'),
    );
    expect(() => multiclassHinge(tensor([1, 2]), labels([0]))).toThrow(ShapeError);
  });
});
