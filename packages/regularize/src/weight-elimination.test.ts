import { ValueError, createRng, mul, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { l2 } from './l2';
import { expectPenaltyGradients, float64Params } from './test-helpers';
import { weightElimination } from './weight-elimination';

describe('weightElimination', () => {
  it('is λ·Σ (w/w₀)² / (1 + (w/w₀)²)', () => {
    // w₀ = 2: r = w²/4 = 0.25, 1, 4, 0; r/(1 + r) = 0.2, 0.5, 0.8, 0; sum 1.5; λ = 2 → 3.
    const params = { w: tensor([[1, -2], [4, 0]]), b: tensor([7]) };
    expect(weightElimination(2, { scale: 2 })(params).item()).toBeCloseTo(3, 6);
    // ∂Ω/∂w = λ·(2w/w₀²)/(1 + r)² = w/(1 + r)² here: 1/1.5625, −2/4, 4/25, 0.
    expect(weightElimination(2, { scale: 2 }).gradient(params).w).toBeAllClose([[0.64, -0.5], [0.16, 0]]);
  });

  it('is l2 with λ₂ = 2λ/w₀² for weights much smaller than w₀, and costs at most λ per weight', () => {
    const small = mul(float64Params(createRng(5)).dense.w, 1e-4);
    expect(weightElimination(1, { scale: 10 })({ w: small }).item()).toBeCloseTo(l2(0.02)({ w: small }).item(), 15);
    const huge = tensor([1e6, -1e6, 1e6], [3, 1], 'float64');
    expect(weightElimination(0.5)({ w: huge }).item()).toBeCloseTo(1.5, 9); // three weights, ≈ λ each
  });

  it('has the analytic gradient (float64), as a loss term and in closed form', () => {
    expectPenaltyGradients(weightElimination(0.4, { scale: 1.5 }), float64Params(createRng(6)));
  });

  it('refuses a negative λ and a scale that is not > 0', () => {
    expect(() => weightElimination(-1)).toThrow(ValueError);
    expect(() => weightElimination(1, { scale: 0 })).toThrow('weightElimination: scale (w₀) must be a finite number > 0, got 0');
  });
});
