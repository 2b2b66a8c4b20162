import { grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { softplusActivation } from './softplus';

describe('softplusActivation', () => {
  const { name, config, apply } = softplusActivation();

  it("is named 'softplus' and computes ln(1 + eˣ)", () => {
    expect([name, config]).toEqual(['softplus', {}]);
    // ln 2 = 0.693147, ln(1 + e) = 1.313262, ≈ x for large x
    expect(apply(tensor([0, 1, 100]))).toBeAllClose([0.693147, 1.313262, 100], { rtol: 1e-5 });
  });

  it('has the analytic gradient σ(x)', () => {
    const c = tensor([1, -2, 3], undefined, 'float64');
    expectGradClose((x) => sum(mul(apply(x), c)), tensor([-1.5, 0.7, 2], undefined, 'float64'));
    expect(grad((x) => sum(apply(x)), tensor([0], undefined, 'float64'))).toBeAllClose([0.5]);
  });
});
