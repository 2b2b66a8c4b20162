import { ValueError, square, sum, tensor, valueAndGrad } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../apply-updates';
import { sgd } from '../alias/sgd';
import { describeOptimizerContract, minimize, quadratic, rosenbrock } from '../testing';
import { boldDriver } from './bold-driver';

describe('boldDriver', () => {
  it('raises η while E falls, and cuts it, undoes the step and retries when E rises (by hand, E = θ²)', () => {
    // E = θ², g = 2θ, θ₀ = 1, η₀ = 0.9, ρ = 1.1, σ = 0.5:
    // 1: E = 1, no previous E: Δ = −0.9·2 = −1.8 → θ = −0.8
    // 2: E = 0.64 ≤ 1: η = 0.99, g = −1.6, Δ = 1.584 → θ = 0.784
    // 3: E = 0.614656 ≤ 0.64: η = 1.089, g = 1.568, Δ = −1.707552 → θ = −0.923552
    // 4: E = 0.852948… > 0.614656: η = 0.5445; back to 0.784 and retry with its g = 1.568:
    //    Δ' = −0.853776; update = 1.707552 − 0.853776 = 0.853776 → θ = −0.069776
    // 5: E = 0.0048687 ≤ 0.614656 (compared with where the retry started): η = 0.59895,
    //    g = −0.139552, Δ = 0.59895·0.139552 = 0.08358467 → θ = 0.01380867
    const opt = boldDriver(0.9, { increase: 1.1, decrease: 0.5 });
    const params = { w: tensor([1], [1], 'float64') };
    let state = opt.init(params);
    const thetas: number[] = [];
    const rates: number[] = [];
    for (let t = 0; t < 5; t++) {
      const { value, grads } = valueAndGrad(({ w }) => sum(square(w)), params);
      let u: typeof params;
      [u, state] = opt.update(grads, state, params, { loss: value.item() });
      applyUpdates(params, u);
      thetas.push(params.w.item());
      rates.push(state.learningRate);
    }
    expect(thetas).toBeAllClose([-0.8, 0.784, -0.923552, -0.069776, 0.01380867], { rtol: 1e-9 });
    expect(rates).toBeAllClose([0.9, 0.99, 1.089, 0.5445, 0.59895], { rtol: 1e-12 });
    expect(state.loss).toBeCloseTo(0.069776 ** 2, 12);
  });

  it('cuts η repeatedly until a step lowers E, each time from the same point', () => {
    // E = θ², θ₀ = 1, η₀ = 4 (Δ = −8 → θ = −7, E = 49): undo and retry with η = 2 (θ = −3, E = 9),
    // then η = 1 (θ = −1, E = 1, not above 1: kept), so θ: −7, −3, −1.
    const opt = boldDriver(4, { decrease: 0.5 });
    const { params, state } = minimize(opt, { name: 'θ²', init: () => ({ w: tensor([1], [1], 'float64') }), loss: ({ w }) => sum(square(w)), minimum: [0], tolerance: 1, steps: 3 });
    expect(params.w.item()).toBeCloseTo(-1, 12);
    expect(state.learningRate).toBe(1);
  });

  it('on Rosenbrock’s valley ends far lower than gradient descent at its starting rate', () => {
    // One global rate, so no help with ill-conditioning; but it finds the largest stable rate by itself.
    const bold = minimize(boldDriver(0.0005), rosenbrock, 1000).losses;
    const plain = minimize(sgd(0.0005), rosenbrock, 1000).losses;
    expect(bold[1000]).toBeLessThan(plain[1000] / 10);
  });

  it('refuses bad options and an update without ctx.loss', () => {
    expect(() => boldDriver(0)).toThrow(ValueError);
    expect(() => boldDriver(0.1, { increase: 0.9 })).toThrow(/boldDriver.*increase \(ρ\) must be a finite number ≥ 1, got 0.9/);
    expect(() => boldDriver(0.1, { decrease: 1 })).toThrow(/decrease \(σ\) must be a number in \(0, 1\), got 1/);
    const opt = boldDriver(0.1);
    const params = { w: tensor([1]) };
    expect(() => opt.update({ w: tensor([1]) }, opt.init(params), params)).toThrow(/boldDriver.*needs ctx\.loss.*got undefined/);
    expect(() => opt.update({ w: tensor([1]) }, { count: 0 } as never, params, { loss: 1 })).toThrow(/boldDriver.*was it made by another optimizer\?/);
  });
});

describeOptimizerContract('boldDriver', () => boldDriver(0.01), { solves: [quadratic] });
