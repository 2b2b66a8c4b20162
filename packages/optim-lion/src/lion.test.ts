import { describeOptimizerContract, illConditionedQuadratic, quadratic, rosenbrock } from '@nn/optim/testing';
import { exponentialDecay } from '@nn/optim';
import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { lion } from './lion';

describe('lion', () => {
  it('steps by ±η along the sign of β₁·m + (1 − β₁)·g and keeps m with β₂ (by hand)', () => {
    // β = (0.9, 0.99), η = 0.1, m = 0:
    // 1: g = [0.5, −3, 0]: c = 0.1·g = [0.05, −0.3, 0] → u = −0.1·[1, −1, 0]; m = 0.01·g = [0.005, −0.03, 0]
    // 2: g = [−0.2, −1, 2]: c = 0.9·m + 0.1·g = [−0.0155, −0.127, 0.2] → u = −0.1·[−1, −1, 1];
    //    m = 0.99·m + 0.01·g = [0.00295, −0.0397, 0.02]
    // 3: g = [0.01, 0, 0]: c = [0.003655, −0.03573, 0.018] → u = −0.1·[1, −1, 1] (the momentum moves
    //    the weights whose gradient is 0)
    const opt = lion(0.1);
    const params = { w: tensor([1, -2, 0.5]) };
    let state = opt.init(params);
    const out: number[][] = [];
    for (const g of [[0.5, -3, 0], [-0.2, -1, 2], [0.01, 0, 0]]) {
      let u: typeof params;
      [u, state] = opt.update({ w: tensor(g) }, state, params);
      out.push(Array.from(u.w.dataSync()));
    }
    expect(out).toBeAllClose([[-0.1, 0.1, 0], [0.1, 0.1, -0.1], [-0.1, 0.1, -0.1]]);
    expect((state.momentum as { w: Tensor }).w).toBeAllClose([0.99 * 0.00295 + 0.0001, 0.99 * -0.0397, 0.99 * 0.02]);
    expect(state.count).toBe(3);
  });

  it('adds decoupled weight decay inside the rate: u = −η·(sign(c) + λ·θ)', () => {
    // η = 0.1, λ = 0.5, θ = [1, −2, 0.5], g = [0.5, −3, 0]: −0.1·([1, −1, 0] + [0.5, −1, 0.25]) = [−0.15, 0.2, −0.025]
    const opt = lion(0.1, { weightDecay: 0.5 });
    const params = { w: tensor([1, -2, 0.5], [3], 'float64') };
    const [u] = opt.update({ w: tensor([0.5, -3, 0], [3], 'float64') }, opt.init(params), params);
    expect(u.w).toBeAllClose([-0.15, 0.2, -0.025]);
    expect(u.w.dtype).toBe('float64');
  });

  it('reads a schedule at its update count', () => {
    // η_t = 1/(t + 1): the second update moves by ½
    const opt = lion((t) => 1 / (t + 1));
    const params = { w: tensor([0]) };
    const [, s] = opt.update({ w: tensor([1]) }, opt.init(params), params);
    const [u] = opt.update({ w: tensor([1]) }, s, params);
    expect(u.w).toBeAllClose([-0.5]);
  });

  it('refuses bad options', () => {
    expect(() => lion(-1)).toThrow(ValueError);
    expect(() => lion(0.1, { betas: [0.9, 1] })).toThrow(/lion.*betas must be two numbers in \[0, 1\), got \[0\.9,1\]/);
    expect(() => lion(0.1, { weightDecay: Number.NaN })).toThrow(/weightDecay must be a finite number ≥ 0, got NaN/);
    const decaying = lion(0.1, { weightDecay: 0.1 });
    expect(() => decaying.update({ w: tensor([1]) }, decaying.init({ w: tensor([1]) }))).toThrow(/weightDecay 0.1 needs the params/);
    expect(() => lion(0.1).update({ w: tensor([1]) }, [{}, { count: 0 }] as never)).toThrow(/lion.*was it made by another optimizer\?/);
  });
});

// A sign method moves every weight by ±η, so it settles only as η decays. On the bowl η_t = 0.2·0.97^t
// travels Σ η_t ≈ 6.7, enough to cross from w = 3 to 0 and back after the momentum's overshoot, and
// its last steps are ≈ 5e-4; on Rosenbrock η_t = 0.005·0.9985^t (Σ ≈ 3.3, last steps ≈ 6e-5).
describeOptimizerContract('lion', () => lion(exponentialDecay({ init: 0.2, decayRate: 0.97, decaySteps: 1 })), {
  solves: [quadratic, { ...illConditionedQuadratic, steps: 200 }],
});
describeOptimizerContract('lion on Rosenbrock', () => lion(exponentialDecay({ init: 0.005, decayRate: 0.9985, decaySteps: 1 })), {
  solves: [rosenbrock],
});
