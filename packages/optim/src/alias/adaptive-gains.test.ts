import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { adam } from './adam';
import { adaptiveGains } from './adaptive-gains';

/** The course's rule in plain numbers: gains from sign agreement of g with the previous g (or the velocity). */
function gainsReference(steps: number, lr: number, delta: number, [lo, hi]: [number, number], momentum: number): number[][] {
  let w = [-1.2, 1];
  const gain = [1, 1];
  const prev = [0, 0];
  const rows = [[...w]];
  for (let t = 0; t < steps; t++) {
    const { grads } = lossAndGradAt(rosenbrock, w);
    w = w.map((wi, i) => {
      const g = grads[i];
      if (g * prev[i] > 0) gain[i] += delta;
      else if (g * prev[i] < 0) gain[i] *= 1 - delta;
      gain[i] = Math.min(Math.max(gain[i], lo), hi);
      prev[i] = momentum > 0 ? momentum * prev[i] + gain[i] * g : g;
      return wi - lr * (momentum > 0 ? prev[i] : gain[i] * g);
    });
    rows.push([...w]);
  }
  return rows;
}

describe('adaptiveGains', () => {
  it('steps −η·gain·g: −η, then −1.05·η while the sign holds', () => {
    const opt = adaptiveGains(0.1);
    const params = { x: tensor([0, 0]) };
    const [u1, s1] = opt.update({ x: tensor([2, -3]) }, opt.init(params), params);
    const [u2] = opt.update({ x: tensor([1, 4]) }, s1, params);
    expect(u1.x).toBeAllClose([-0.2, 0.3]);
    // x₀ kept its sign: gain 1.05, u = −0.1·1.05·1; x₁ flipped: gain 0.95, u = −0.1·0.95·4
    expect(u2.x).toBeAllClose([-0.105, -0.38]);
  });

  it('follows the course’s rule step for step on rosenbrock, with and without momentum', () => {
    expect(trajectory(adaptiveGains(1e-3), rosenbrock, 30)).toBeAllClose(gainsReference(30, 1e-3, 0.05, [0.1, 10], 0), { rtol: 1e-10 });
    expect(trajectory(adaptiveGains(5e-4, { delta: 0.1, gainRange: [0.5, 3], momentum: 0.9 }), rosenbrock, 30)).toBeAllClose(
      gainsReference(30, 5e-4, 0.1, [0.5, 3], 0.9),
      { rtol: 1e-10 },
    );
  });

  it('refuses a negative rate and a state from another optimizer', () => {
    expect(() => adaptiveGains(-1)).toThrow(ValueError);
    const params = { x: tensor([1]) };
    expect(() => adaptiveGains(0.1).update(params, adam().init(params) as never, params)).toThrow(/^adaptiveGains: scaleByAdaptiveGains: expected the state its init makes/);
  });
});

describeOptimizerContract('adaptiveGains', () => adaptiveGains(1e-3), {
  // Without momentum on Rosenbrock it needs ≈ 6,000 steps (9.6e-4 from (1, 1)); with momentum, below, 800 are plenty
  // (3e-8 from it).
  solves: [{ ...quadratic, steps: 1000 }, { ...illConditionedQuadratic, steps: 1000 }],
});
describeOptimizerContract('adaptiveGains with momentum', () => adaptiveGains(1e-3, { momentum: 0.9 }), {
  solves: [{ ...quadratic, steps: 300 }, { ...illConditionedQuadratic, steps: 500 }, { ...rosenbrock, steps: 800 }],
});
