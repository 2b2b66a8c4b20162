import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { scaleByAdagrad } from './scale-by-adagrad';

const params = { x: tensor([0], [1], 'float64') };
const g = (v: number) => ({ x: tensor([v], [1], 'float64') });

describe('scaleByAdagrad', () => {
  it('divides by the root of the summed squares: G ← G + g², u = g/(√G + ε)', () => {
    // g = 1: G = 1, u = 1/(1 + 1e-10); g = 2: G = 5, u = 2/√5 = 0.894427
    const opt = scaleByAdagrad();
    const [u1, s1] = opt.update(g(1), opt.init(params), params);
    const [u2, s2] = opt.update(g(2), s1, params);
    expect(u1.x).toBeAllClose([1], { rtol: 1e-9 });
    expect(u2.x).toBeAllClose([2 / Math.sqrt(5)], { rtol: 1e-9 });
    expect((s2.sumOfSquares as { x: Tensor }).x).toBeAllClose([5]);
  });

  it('starts the sum at initialAccumulatorValue', () => {
    // G₀ = 1: g = 1 → G = 2, u = 1/√2
    const opt = scaleByAdagrad({ initialAccumulatorValue: 1 });
    expect(opt.update(g(1), opt.init(params), params)[0].x).toBeAllClose([Math.SQRT1_2], { rtol: 1e-9 });
  });

  it('refuses a negative start and ε ≤ 0', () => {
    expect(() => scaleByAdagrad({ initialAccumulatorValue: -1 })).toThrow(/scaleByAdagrad: initialAccumulatorValue must be a finite number ≥ 0, got -1/);
    expect(() => scaleByAdagrad({ eps: 0 })).toThrow(ValueError);
  });
});
