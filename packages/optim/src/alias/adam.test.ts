import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { adam } from './adam';
import { rmsprop } from './rmsprop';

/** Kingma & Ba's Algorithm 1 in plain numbers (AMSGrad: v̂ from the running maximum of v, Reddi et al.). */
function adamReference(start: number[], steps: number, lr: number, b1: number, b2: number, eps: number, amsgrad = false): number[][] {
  let w = [...start];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  const vMax = w.map(() => 0);
  const rows = [[...w]];
  for (let t = 1; t <= steps; t++) {
    const { grads } = lossAndGradAt(rosenbrock, w);
    w = w.map((wi, i) => {
      m[i] = b1 * m[i] + (1 - b1) * grads[i];
      v[i] = b2 * v[i] + (1 - b2) * grads[i] ** 2;
      vMax[i] = Math.max(vMax[i], v[i]);
      const mHat = m[i] / (1 - b1 ** t);
      const vHat = (amsgrad ? vMax[i] : v[i]) / (1 - b2 ** t);
      return wi - (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
    rows.push([...w]);
  }
  return rows;
}

describe('adam', () => {
  it('takes a first step of η·sign(g) whatever the scale of g', () => {
    // m̂ = g, v̂ = g² after one step, so u = −η·g/(|g| + ε) = −η·sign(g) up to ε/|g| ≤ 1e-5.
    const opt = adam(0.1);
    const params = { x: tensor([1, 1, 1, 1], [4], 'float64') };
    const [u] = opt.update({ x: tensor([1e-3, -2.5, 40, -1e6], [4], 'float64') }, opt.init(params), params);
    expect(u.x).toBeAllClose([-0.1, 0.1, -0.1, 0.1], { rtol: 1e-5 });
  });

  it('has PyTorch’s defaults: η = 1e-3, betas (0.9, 0.999), ε = 1e-8', () => {
    // second step with g = 1 then 2: u = −1e-3·0.965182 (see scaleByAdam's test)
    const opt = adam();
    const params = { x: tensor([0], [1], 'float64') };
    const [, s1] = opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params);
    const [u2] = opt.update({ x: tensor([2], [1], 'float64') }, s1, params);
    expect(u2.x).toBeAllClose([-0.9651820197e-3], { rtol: 1e-9 });
  });

  it('follows Kingma & Ba’s Algorithm 1 step for step on rosenbrock', () => {
    const start = [-1.2, 1];
    expect(trajectory(adam(0.02), rosenbrock, 30)).toBeAllClose(adamReference(start, 30, 0.02, 0.9, 0.999, 1e-8), { rtol: 1e-10 });
    expect(trajectory(adam(0.05, { betas: [0.8, 0.99], eps: 1e-6, amsgrad: true }), rosenbrock, 30)).toBeAllClose(
      adamReference(start, 30, 0.05, 0.8, 0.99, 1e-6, true),
      { rtol: 1e-10 },
    );
  });

  it('refuses a negative rate, β ≥ 1, ε ≤ 0, and a state from another optimizer', () => {
    expect(() => adam(-1e-3)).toThrow(ValueError);
    expect(() => adam(1e-3, { betas: [1, 0.999] })).toThrow(/β₁ \(betas\[0\]\) must be a finite number ≥ 0 and < 1, got 1/);
    expect(() => adam(1e-3, { eps: -1 })).toThrow(/eps must be a finite number > 0, got -1/);
    const params = { x: tensor([1]) };
    const foreign = rmsprop().init(params);
    expect(() => adam().update(params, foreign as never, params)).toThrow(ValueError);
    expect(() => adam().update(params, foreign as never, params)).toThrow(/^adam: expected the state its init makes, a list of 2, got a list of 3/);
    const sgdLike = [{ velocity: { x: tensor([0]) }, count: 0 }, { count: 0 }];
    expect(() => adam().update(params, sgdLike as never, params)).toThrow(/^adam: scaleByAdam: expected the state its init makes/);
  });

  it('keeps its moments in the params’ dtype', () => {
    const state = adam().init({ w: tensor([1], [1], 'float64') });
    expect((state[0].mu as { w: Tensor }).w.dtype).toBe('float64');
  });
});

describeOptimizerContract('adam', () => adam(0.02), {
  // With η = 0.02 the steps shrink as m̂/√v̂ does near the minimum; the float32 bowl needs ≈ 600 steps
  // (its first steps are η-sized whatever the gradient), Rosenbrock's valley ≈ 5,000.
  solves: [{ ...quadratic, steps: 1000 }, { ...illConditionedQuadratic, steps: 500 }, { ...rosenbrock, steps: 6000 }],
});
describeOptimizerContract('adam with amsgrad', () => adam(0.1, { amsgrad: true }), {
  solves: [quadratic, { ...illConditionedQuadratic, steps: 500 }, { ...rosenbrock, steps: 2000 }],
});
