import { type Tensor, ValueError, createRng, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import type { RpropVariant } from '../transforms/scale-by-rprop';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { adam } from './adam';
import { rprop } from './rprop';

/** Igel & Hüsken's (2000) pseudo-code for the four variants, per weight, in plain numbers (Δ clamped as torch does). */
function rpropReference(variant: RpropVariant, steps: number, lr: number, [etaMinus, etaPlus]: [number, number], [lo, hi]: [number, number]): number[][] {
  let w = [-1.2, 1];
  const delta = [lr, lr];
  const prevGrad = [0, 0];
  const prevStep = [0, 0];
  let prevLoss = Number.POSITIVE_INFINITY;
  const rows = [[...w]];
  for (let t = 0; t < steps; t++) {
    const { loss, grads } = lossAndGradAt(rosenbrock, w);
    w = w.map((wi, i) => {
      const g = grads[i];
      const s = g * prevGrad[i];
      let step: number;
      if (s > 0) {
        delta[i] = Math.min(delta[i] * etaPlus, hi);
        step = -Math.sign(g) * delta[i];
        prevGrad[i] = g;
      } else if (s < 0) {
        delta[i] = Math.max(delta[i] * etaMinus, lo);
        if (variant === 'Rprop-') {
          step = -Math.sign(g) * delta[i];
          prevGrad[i] = g;
        } else {
          step = variant === 'Rprop+' || (variant === 'iRprop+' && loss > prevLoss) ? -prevStep[i] : 0;
          prevGrad[i] = 0;
        }
      } else {
        delta[i] = Math.min(Math.max(delta[i], lo), hi);
        step = -Math.sign(g) * delta[i];
        prevGrad[i] = g;
      }
      prevStep[i] = step;
      return wi + step;
    });
    prevLoss = loss;
    rows.push([...w]);
  }
  return rows;
}

describe('rprop', () => {
  it('has torch.optim.Rprop’s defaults: Δ₀ = 0.01, the second step 1.2× the first while the sign holds', () => {
    const opt = rprop();
    const params = { x: tensor([1, 1]) };
    let state = opt.init(params);
    let u: { x: Tensor };
    [u, state] = opt.update({ x: tensor([2, -1e-9]) }, state, params);
    expect(u.x).toBeAllClose([-0.01, 0.01]);
    [u, state] = opt.update({ x: tensor([300, -5]) }, state, params);
    expect(u.x).toBeAllClose([-0.012, 0.012]);
    // iRprop−: a flip leaves the weight where it is
    [u, state] = opt.update({ x: tensor([-1, -5]) }, state, params);
    expect(u.x).toBeAllClose([0, 0.0144]);
  });

  it('follows Igel & Hüsken’s pseudo-code step for step on rosenbrock, in all four variants', () => {
    const ends = new Set<string>();
    for (const variant of ['iRprop-', 'Rprop-', 'Rprop+', 'iRprop+'] as const) {
      const ref = rpropReference(variant, 25, 0.05, [0.5, 1.2], [1e-6, 50]);
      expect(trajectory(rprop(0.05, { variant }), rosenbrock, 25), variant).toBeAllClose(ref, { rtol: 1e-12 });
      ends.add(ref[25].join());
    }
    expect(ends.size).toBe(4); // the signs flipped within 25 steps, so each variant took its own path
    const ref = rpropReference('iRprop-', 25, 0.1, [0.3, 1.5], [1e-3, 0.2]);
    expect(trajectory(rprop(0.1, { etas: [0.3, 1.5], stepSizes: [1e-3, 0.2] }), rosenbrock, 25)).toBeAllClose(ref, { rtol: 1e-12 });
  });

  it('is for full batches: mini-batch noise in the gradient’s sign shrinks the steps away', () => {
    // One weight whose true gradient is 0.5, seen exactly (full batch) or with N(0, 1) noise (a mini-batch:
    // the sign is wrong ≈ 31% of the time). Exactly, Δ grows by 1.2 a step up to Δ_max = 50. With noise,
    // a flip halves Δ and a kept sign raises it by 1.2: ln Δ drifts by ≈ 0.31·ln 0.5 + 0.69·ln 1.2 < 0
    // a step (counting the neutral steps after flips, more), so Δ sinks to Δ_min although the gradient
    // never changed: Rprop averages signs, not gradients.
    const rng = createRng(7);
    const finalStep = (noise: number): number => {
      const opt = rprop(0.01);
      const params = { x: tensor([0], [1], 'float64') };
      let state = opt.init(params);
      for (let t = 0; t < 300; t++) [, state] = opt.update({ x: tensor([0.5 + noise * rng.normal()], [1], 'float64') }, state, params);
      return (state[0].stepSizes as { x: Tensor }).x.item();
    };
    expect(finalStep(0)).toBe(50);
    expect(finalStep(1)).toBeLessThan(1e-4);
  });

  it('refuses bad options and a state from another optimizer', () => {
    expect(() => rprop(-0.01)).toThrow(ValueError);
    expect(() => rprop(0.01, { variant: 'Rprop' as RpropVariant })).toThrow(/scaleByRprop: variant must be one of/);
    const params = { x: tensor([1]) };
    expect(() => rprop().update(params, adam().init(params) as never, params)).toThrow(/^rprop: scaleByRprop: expected the state its init makes/);
  });
});

describeOptimizerContract('rprop (iRprop−)', () => rprop(), {
  // In Rosenbrock's curved valley both gradients flip sign nearly every step, so the step sizes
  // collapse towards Δ_min and the default variant stalls ≈ 1.05e-3 from (1, 1) after ≈ 4,000 steps
  // (sign-only steps cannot follow the valley's direction (1, 2) once they are tiny); tolerance 1.5e-3.
  solves: [quadratic, { ...illConditionedQuadratic, steps: 300 }, { ...rosenbrock, steps: 4000, tolerance: 1.5e-3 }],
});
describeOptimizerContract('rprop (iRprop+)', () => rprop(0.01, { variant: 'iRprop+' }), {
  // Taking back only the steps that raised the loss gets it within 8.8e-4 of (1, 1) by step 4,000.
  solves: [quadratic, { ...rosenbrock, steps: 4000 }],
});
describeOptimizerContract('rprop (Rprop+)', () => rprop(0.01, { variant: 'Rprop+' }), { solves: [quadratic, { ...illConditionedQuadratic, steps: 300 }] });
describeOptimizerContract('rprop (Rprop−)', () => rprop(0.01, { variant: 'Rprop-' }), { solves: [quadratic, { ...illConditionedQuadratic, steps: 300 }] });
