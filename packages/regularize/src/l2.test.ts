import { ValueError, createRng, tensor, zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { l2 } from './l2';
import { expectPenaltyGradients, float64Params } from './test-helpers';

const params = () => ({ w: tensor([[1, -2], [3, 0]]), b: tensor([5]) });

describe('l2', () => {
  it('is ½λ·Σ w² over the weights, not the biases', () => {
    expect(l2(0.1)(params()).item()).toBeCloseTo(0.7, 6); // ½·0.1·(1 + 4 + 9 + 0)
    expect(l2(0.1, { select: true })(params()).item()).toBeCloseTo(1.95, 6); // + ½·0.1·25 for b
  });

  it('has the gradient λ·w, zero on the biases', () => {
    const g = l2(0.1).gradient(params());
    expect(g.w).toBeAllClose([[0.1, -0.2], [0.3, 0]]);
    expect(g.b).toBeAllClose([0]);
  });

  it('has the analytic gradient (float64), as a loss term and in closed form', () => {
    expectPenaltyGradients(l2(0.3), float64Params(createRng(1)));
  });

  it('is zero, of the params dtype, when nothing is selected', () => {
    const value = l2(1)({ b: zeros([2], 'float64') });
    expect(value.item()).toBe(0);
    expect(value.dtype).toBe('float64');
  });

  it('says what it is, and refuses a negative or non-finite λ', () => {
    expect(l2(0.5).kind).toBe('l2');
    expect(l2(0.5).config).toEqual({ lambda: 0.5 });
    expect(() => l2(-0.1)).toThrow(ValueError);
    expect(() => l2(-0.1)).toThrow('l2: lambda must be a finite number ≥ 0, got -0.1');
    expect(() => l2(Number.NaN)).toThrow(ValueError);
  });
});
