import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, ValueError, grad, matmul, reshape, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { perceptronCriterion } from './perceptron-criterion';

describe('perceptronCriterion', () => {
  it('is a Loss', () => {
    const loss: Loss = perceptronCriterion;
    expect(loss(tensor([1]), tensor([1])).item()).toBe(0);
  });

  it('is the mean of max(0, −t·z): only misclassified samples count', () => {
    // t·z = [2, −1, −0.5, 0] → [0, 1, 0.5, 0] → 1.5 / 4
    expect(perceptronCriterion(tensor([2, -1, 0.5, 0]), tensor([1, 1, -1, 1])).item()).toBeCloseTo(0.375, 6);
  });

  it('has the gradient −t / n on misclassified samples, the boundary t·z = 0 included', () => {
    const g = grad((p) => perceptronCriterion(p.z, tensor([1, 1, -1, 1])), { z: tensor([2, -1, 0.5, 0]) });
    expect(g.z).toBeAllClose([0, -0.25, 0.25, -0.25]);
  });

  it('moves a perceptron that starts from zero weights (Rosenblatt’s update)', () => {
    // z = x·w with w = 0: every sample is on the boundary; ∂/∂w = −Σ tₙ xₙ / n = −([1, 2] − [−1, 0.5]) / 2
    const x = tensor([[1, 2], [-1, 0.5]]);
    const g = grad((p) => perceptronCriterion(reshape(matmul(x, p.w), [2]), tensor([1, -1])), { w: zeros([2, 1]) });
    expect(g.w).toBeAllClose([[-1], [-0.75]]);
  });

  it('has the analytic gradient in float64 away from the kink, with and without weights', () => {
    const t = tensor([1, -1, -1, 1, 1], [5], 'float64');
    const params = { z: tensor([0.7, 1.2, -0.3, -2.2, 0.4], [5], 'float64') };
    expectGradClose((p) => perceptronCriterion(p.z, t), params);
    expectGradClose((p) => perceptronCriterion(p.z, t, tensor([1, 2, 0.5, 3, 1], [5], 'float64')), params);
  });

  it('refuses 0/1 targets, naming the fix', () => {
    expect(() => perceptronCriterion(tensor([1, 2]), tensor([1, 0]))).toThrow(
      new ValueError('perceptronCriterion', 'target 0 at position 1 is not −1 or +1 (map 0/1 targets with 2t − 1)'),
    );
  });

  it('refuses shapes that differ and int32 targets', () => {
    expect(() => perceptronCriterion(tensor([[1], [2]]), tensor([1, -1]))).toThrow(ShapeError);
    expect(() => perceptronCriterion(tensor([1, 2]), tensor([1, -1], [2], 'int32'))).toThrow(DTypeError);
  });
});
