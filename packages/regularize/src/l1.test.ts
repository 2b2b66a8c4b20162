import { ValueError, createRng, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { l1 } from './l1';
import { expectPenaltyGradients, float64Params } from './test-helpers';

const params = () => ({ w: tensor([[1, -2], [3, 0]]), b: tensor([5]) });

describe('l1', () => {
  it('is λ·Σ |w| over the weights, not the biases', () => {
    expect(l1(0.5)(params()).item()).toBeCloseTo(3, 6); // 0.5·(1 + 2 + 3 + 0)
  });

  it('has the gradient λ·sign(w), 0 at w = 0 and on the biases', () => {
    const g = l1(0.5).gradient(params());
    expect(g.w).toBeAllClose([[0.5, -0.5], [0.5, 0]]);
    expect(g.b).toBeAllClose([0]);
  });

  it('has the analytic gradient (float64), as a loss term and in closed form', () => {
    expectPenaltyGradients(l1(0.7), float64Params(createRng(2)));
  });

  it('refuses a negative λ', () => {
    expect(() => l1(-1)).toThrow(ValueError);
    expect(() => l1(Number.POSITIVE_INFINITY)).toThrow(/l1: lambda must be a finite number ≥ 0/);
  });
});
