import { grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { reluActivation } from './relu';

describe('reluActivation', () => {
  const { name, config, apply } = reluActivation();

  it("is named 'relu' and computes max(x, 0)", () => {
    expect([name, config]).toEqual(['relu', {}]);
    expect(apply(tensor([-1, 0, 2]))).toBeAllClose([0, 0, 2]);
  });

  it('has the analytic gradient away from 0, and gradient 0 at 0', () => {
    const c = tensor([1, -2, 3], undefined, 'float64');
    expectGradClose((x) => sum(mul(apply(x), c)), tensor([-1.5, 0.7, 2], undefined, 'float64'));
    expect(grad((x) => sum(apply(x)), tensor([-1, 0, 1], undefined, 'float64'))).toBeAllClose([0, 0, 1]);
  });
});
