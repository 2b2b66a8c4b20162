import { type Params, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { sgd } from '../alias/sgd';
import { chain } from '../chain';
import { describeOptimizerContract, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { clipByGlobalNorm } from './clip-by-global-norm';
import { scaleByLearningRate } from './scale-by-learning-rate';

describe('clipByGlobalNorm', () => {
  it('scales the whole tree to norm c when it is longer, keeping its direction', () => {
    // ‖g‖ = √(3² + 4²) = 5 over both leaves; c = 1 → g/5
    const opt = clipByGlobalNorm(1);
    const grads = { a: tensor([3]), b: [tensor([[4]], [1, 1], 'float64')] };
    const [u] = opt.update(grads, opt.init(grads));
    expect(u.a).toBeAllClose([0.6]);
    expect(u.b[0]).toBeAllClose([[0.8]]);
    expect(u.b[0].dtype).toBe('float64');
  });

  it('leaves a tree no longer than c as it is', () => {
    const opt = clipByGlobalNorm(5);
    const grads: Params = { a: tensor([3]), b: tensor([4]) };
    expect(opt.update(grads, opt.init(grads))[0]).toBe(grads);
  });

  it('gives norm-clipped gradient descent step for step on rosenbrock', () => {
    // θ ← θ − η·g·min(1, c/‖g‖): the plain-number loop.
    let w = [-1.2, 1];
    const ref = [[...w]];
    for (let t = 0; t < 25; t++) {
      const { grads } = lossAndGradAt(rosenbrock, w);
      const norm = Math.hypot(...grads);
      const f = norm > 2 ? 2 / norm : 1;
      w = w.map((wi, i) => wi - 0.05 * f * grads[i]);
      ref.push([...w]);
    }
    expect(trajectory(chain(clipByGlobalNorm(2), scaleByLearningRate(0.05)), rosenbrock, 25)).toBeAllClose(ref, { rtol: 1e-12 });
  });

  it('refuses a bound ≤ 0', () => {
    expect(() => clipByGlobalNorm(0)).toThrow(ValueError);
    expect(() => clipByGlobalNorm(-1)).toThrow(/clipByGlobalNorm: maxNorm must be a finite number > 0, got -1/);
  });
});

describeOptimizerContract('clipByGlobalNorm then sgd', () => chain(clipByGlobalNorm(1), sgd(0.1)), { solves: [quadratic] });
