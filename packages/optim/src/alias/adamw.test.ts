import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { exponentialDecay } from '../schedules/exponential-decay';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { adam } from './adam';
import { adamw } from './adamw';

/** Loshchilov & Hutter's Algorithm 2 as torch.optim.AdamW orders it: θ ← θ·(1 − η_t·λ), then the Adam step. */
function adamwReference(steps: number, rate: (t: number) => number, weightDecay: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): number[][] {
  let w = [-1.2, 1];
  const m = [0, 0];
  const v = [0, 0];
  const rows = [[...w]];
  for (let t = 1; t <= steps; t++) {
    const { grads } = lossAndGradAt(rosenbrock, w);
    const lr = rate(t - 1);
    w = w.map((wi, i) => {
      const decayed = wi * (1 - lr * weightDecay);
      m[i] = b1 * m[i] + (1 - b1) * grads[i];
      v[i] = b2 * v[i] + (1 - b2) * grads[i] ** 2;
      return decayed - (lr * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
    });
    rows.push([...w]);
  }
  return rows;
}

describe('adamw', () => {
  it('decays the weights apart from Adam’s rescaling: u = −η·λ·θ − η·m̂/(√v̂ + ε)', () => {
    // η = 0.1, λ = 0.5, θ = 2, g = 1: the Adam part is −0.1·1, the decay −0.1·0.5·2 = −0.1; u = −0.2
    // (θ·(1 − ηλ) − η = 1.8, as PyTorch does it). Adam with the same λ as L2 would give −0.1: sign(g + λθ).
    const opt = adamw(0.1, { weightDecay: 0.5 });
    const params = { x: tensor([2], [1], 'float64') };
    expect(opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params)[0].x).toBeAllClose([-0.2], { rtol: 1e-7 });
  });

  it('follows AdamW step for step on rosenbrock, also with a scheduled rate (which scales the decay too)', () => {
    expect(trajectory(adamw(0.02, { weightDecay: 0.1 }), rosenbrock, 30)).toBeAllClose(adamwReference(30, () => 0.02, 0.1), { rtol: 1e-10 });
    const schedule = exponentialDecay({ init: 0.05, decayRate: 0.5, decaySteps: 10 });
    expect(trajectory(adamw(schedule), rosenbrock, 30)).toBeAllClose(adamwReference(30, schedule, 1e-2), { rtol: 1e-10 });
  });

  it('needs params, and refuses a negative decay or a state from another optimizer', () => {
    const opt = adamw();
    expect(() => opt.update({ x: tensor([1]) }, opt.init({ x: tensor([1]) }))).toThrow(/needs the params/);
    expect(() => adamw(1e-3, { weightDecay: -1 })).toThrow(ValueError);
    const params = { x: tensor([1]) };
    expect(() => adamw().update(params, adam().init(params) as never, params)).toThrow(/^adamw: expected the state its init makes, a list of 3, got a list of 2/);
  });
});

describeOptimizerContract('adamw', () => adamw(0.1, { weightDecay: 0, amsgrad: true }), {
  solves: [quadratic, { ...illConditionedQuadratic, steps: 500 }, { ...rosenbrock, steps: 2000 }],
});
describeOptimizerContract('adamw with decay', () => adamw(0.05, { weightDecay: 1e-4 }), {
  // The minimum moves: ∇f + λ·θ = 0 pulls θ towards 0 by ≈ λ·θ/f'' — nothing at the bowls' minima at 0.
  solves: [{ ...quadratic, steps: 500 }, { ...illConditionedQuadratic, steps: 500 }],
});
