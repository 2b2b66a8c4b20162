import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { adam } from './adam';
import { rmsprop } from './rmsprop';

interface Reference { lr: number; alpha: number; eps: number; momentum: number; centered: boolean; epsInsideSqrt: boolean }

/** Tieleman & Hinton's rule as torch.optim.RMSprop writes it (square_avg, grad_avg, momentum_buffer), in plain numbers. */
function rmspropReference(steps: number, { lr, alpha, eps, momentum, centered, epsInsideSqrt }: Reference): number[][] {
  let w = [-1.2, 1];
  const s = [0, 0];
  const m = [0, 0];
  const b = [0, 0];
  const rows = [[...w]];
  for (let t = 0; t < steps; t++) {
    const { grads } = lossAndGradAt(rosenbrock, w);
    w = w.map((wi, i) => {
      s[i] = alpha * s[i] + (1 - alpha) * grads[i] ** 2;
      m[i] = alpha * m[i] + (1 - alpha) * grads[i];
      const variance = centered ? s[i] - m[i] ** 2 : s[i];
      const avg = epsInsideSqrt ? Math.sqrt(variance + eps) : Math.sqrt(variance) + eps;
      if (momentum === 0) return wi - (lr * grads[i]) / avg;
      b[i] = momentum * b[i] + grads[i] / avg;
      return wi - lr * b[i];
    });
    rows.push([...w]);
  }
  return rows;
}

describe('rmsprop', () => {
  it('steps η·g/(√s + ε) with PyTorch’s defaults (η = 1e-2, α = 0.99, ε = 1e-8)', () => {
    // g = 1: s = 0.01, u = −0.01·1/(0.1 + 1e-8) = −0.09999999; g = 2: s = 0.0499, u = −0.01·2/√0.0499 = −0.0895323
    const opt = rmsprop();
    const params = { x: tensor([0], [1], 'float64') };
    const [u1, s1] = opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params);
    const [u2] = opt.update({ x: tensor([2], [1], 'float64') }, s1, params);
    expect(u1.x).toBeAllClose([-0.099999990000001], { rtol: 1e-9 });
    expect(u2.x).toBeAllClose([-0.08953229219915321], { rtol: 1e-9 });
  });

  it('adds momentum on the rescaled gradient: b ← μ·b + g/(√s + ε), u = −η·b', () => {
    // b₁ = 1/0.1 = 10, u₁ = −0.1; b₂ = 0.9·10 + 2/√0.0499 = 17.953228, u₂ = −0.17953228
    const opt = rmsprop(0.01, { momentum: 0.9 });
    const params = { x: tensor([0], [1], 'float64') };
    const [, s1] = opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params);
    expect(opt.update({ x: tensor([2], [1], 'float64') }, s1, params)[0].x).toBeAllClose([-0.17953228319915412], { rtol: 1e-9 });
  });

  it('follows the RMSprop equations step for step on rosenbrock, in every variant', () => {
    const base = { lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, epsInsideSqrt: false };
    for (const options of [{}, { momentum: 0.9 }, { centered: true, alpha: 0.9 }, { epsInsideSqrt: true, eps: 1e-4, momentum: 0.5 }]) {
      const ref = rmspropReference(25, { ...base, ...options });
      expect(trajectory(rmsprop(0.01, options), rosenbrock, 25)).toBeAllClose(ref, { rtol: 1e-10 });
    }
  });

  it('refuses bad hyper-parameters and a state from another optimizer', () => {
    expect(() => rmsprop(-0.01)).toThrow(ValueError);
    expect(() => rmsprop(0.01, { momentum: -0.9 })).toThrow(/rmsprop: momentum must be a finite number ≥ 0, got -0.9/);
    expect(() => rmsprop(0.01, { alpha: 1.5 })).toThrow(/alpha must be a finite number ≥ 0 and < 1, got 1.5/);
    expect(() => rmsprop(0.01, { eps: 0 })).toThrow(/eps must be a finite number > 0, got 0/);
    const params = { x: tensor([1]) };
    expect(() => rmsprop().update(params, adam().init(params) as never, params)).toThrow(/^rmsprop: expected the state its init makes, a list of 3, got a list of 2/);
  });
});

describeOptimizerContract('rmsprop with momentum', () => rmsprop(1e-3, { momentum: 0.9 }), {
  solves: [{ ...quadratic, steps: 1000 }, rosenbrock],
});
describeOptimizerContract('rmsprop', () => rmsprop(1e-2), {
  // Without momentum and at a constant rate its steps stay ≈ η in size near the minimum (g/√s ≈ ±1 when
  // the gradient settles into a sign pattern), so on Rosenbrock it hovers ≈ 4e-2 from (1, 1) after
  // 6,000 steps (a cosine decay of the rate to 0 over 6,000 steps brings it within 2e-3); momentum
  // (above) is what takes it along the valley to the minimum.
  solves: [{ ...quadratic, steps: 1000 }, { ...illConditionedQuadratic, steps: 500 }],
});
