import { ValueError, createRng, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { elasticNet } from './elastic-net';
import { l1 } from './l1';
import { l2 } from './l2';
import { expectPenaltyGradients, float64Params } from './test-helpers';

const params = () => ({ w: tensor([[1, -2], [3, 0]]), b: tensor([5]) });

describe('elasticNet', () => {
  it('is λ₁·Σ |w| + ½λ₂·Σ w², the sum of l1 and l2', () => {
    expect(elasticNet({ l1: 0.5, l2: 0.1 })(params()).item()).toBeCloseTo(3.7, 6); // 0.5·6 + ½·0.1·14
    const p = float64Params(createRng(3));
    expect(elasticNet({ l1: 0.2, l2: 0.3 })(p).item()).toBeCloseTo(l1(0.2)(p).item() + l2(0.3)(p).item(), 12);
  });

  it('has the gradient λ₁·sign(w) + λ₂·w', () => {
    expect(elasticNet({ l1: 0.5, l2: 0.1 }).gradient(params()).w).toBeAllClose([[0.6, -0.7], [0.8, 0]]);
  });

  it('has the analytic gradient (float64), as a loss term and in closed form', () => {
    expectPenaltyGradients(elasticNet({ l1: 0.2, l2: 0.3 }), float64Params(createRng(4)));
  });

  it('refuses a negative coefficient, naming it', () => {
    expect(() => elasticNet({ l1: -1, l2: 0 })).toThrow('elasticNet: l1 must be a finite number ≥ 0, got -1');
    expect(() => elasticNet({ l1: 0, l2: -1 })).toThrow(ValueError);
  });
});
