import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, ValueError, grad, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { hinge } from './hinge';

describe('hinge', () => {
  it('is a Loss', () => {
    const loss: Loss = hinge;
    expect(loss(tensor([1]), tensor([1])).item()).toBe(0);
  });

  it('is the mean of max(0, 1 − t·z)', () => {
    // t·z = [2, 0.5, −1, −0.2] → [0, 0.5, 2, 1.2] → 3.7 / 4
    expect(hinge(tensor([2, 0.5, -1, 0.2]), tensor([1, 1, 1, -1])).item()).toBeCloseTo(0.925, 6);
  });

  it('has the gradient −t / n inside the margin and 0 outside', () => {
    const g = grad((p) => hinge(p.z, tensor([1, 1, 1, -1])), { z: tensor([2, 0.5, -1, 0.2]) });
    expect(g.z).toBeAllClose([0, -0.25, -0.25, 0.25]);
  });

  it('is exact at ±1000', () => {
    expect(hinge(tensor([1000, -1000]), tensor([1, 1])).item()).toBe(500.5); // (0 + 1001) / 2
  });

  it('has the analytic gradient in float64 away from the kink, with and without weights', () => {
    const t = tensor([[1, -1], [-1, 1], [1, 1]], undefined, 'float64');
    const params = { z: tensor([[0.7, 1.2], [-0.3, -2.2], [1.4, 0.1]], undefined, 'float64') };
    expectGradClose((p) => hinge(p.z, t), params);
    expectGradClose((p) => hinge(p.z, t, tensor([1, 2, 0.5], [3], 'float64')), params);
  });

  it('refuses 0/1 targets, other shapes and int32 targets', () => {
    expect(() => hinge(tensor([1, 2]), tensor([0, 1]))).toThrow(
      new ValueError('hinge', 'target 0 at position 0 is not −1 or +1 (map 0/1 targets with 2t − 1)'),
    );
    expect(() => hinge(tensor([1, 2]), tensor([[1, -1]]))).toThrow(ShapeError);
    expect(() => hinge(tensor([1, 2]), tensor([1, -1], [2], 'int32'))).toThrow(DTypeError);
  });
});
