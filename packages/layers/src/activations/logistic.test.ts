import { grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { logistic, logisticActivation } from './logistic';

describe('logistic', () => {
  it('is 1 / (1 + e⁻ˣ)', () => {
    // 1/(1 + e²) = 0.119203, 1/2, 1/(1 + e⁻²) = 0.880797
    expect(logistic(tensor([-2, 0, 2]))).toBeAllClose([0.119203, 0.5, 0.880797], { rtol: 1e-5 });
  });

  it('has the analytic gradient σ(1 − σ)', () => {
    const c = tensor([1, -2, 3], undefined, 'float64');
    expectGradClose((x) => sum(mul(logistic(x), c)), tensor([-1.5, 0.7, 2], undefined, 'float64'));
    expect(grad((x) => sum(logistic(x)), tensor([0], undefined, 'float64'))).toBeAllClose([0.25]);
  });
});

describe('logisticActivation', () => {
  it("is named 'logistic'", () => {
    const a = logisticActivation();
    expect([a.name, a.config]).toEqual(['logistic', {}]);
    expect(a.apply(tensor([0]))).toBeAllClose([0.5]);
  });
});
