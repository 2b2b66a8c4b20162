import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { sgd } from '../alias/sgd';
import { chain } from '../chain';
import { describeOptimizerContract, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { clipByValue } from './clip-by-value';
import { scaleByLearningRate } from './scale-by-learning-rate';

describe('clipByValue', () => {
  it('clips every element to [−δ, δ]', () => {
    const opt = clipByValue(0.5);
    const grads = { w: tensor([1, -2, 0.3]), b: [tensor(-0.5, [], 'float64')] };
    const [u] = opt.update(grads, opt.init(grads));
    expect(u.w).toBeAllClose([0.5, -0.5, 0.3]);
    expect(u.b[0]).toBeAllClose(-0.5);
    expect(u.b[0].dtype).toBe('float64');
  });

  it('gives clipped gradient descent step for step on rosenbrock', () => {
    // θ ← θ − η·clip(g, −1, 1): the plain-number loop.
    let w = [-1.2, 1];
    const ref = [[...w]];
    for (let t = 0; t < 25; t++) {
      const { grads } = lossAndGradAt(rosenbrock, w);
      w = w.map((wi, i) => wi - 0.05 * Math.min(Math.max(grads[i], -1), 1));
      ref.push([...w]);
    }
    expect(trajectory(chain(clipByValue(1), scaleByLearningRate(0.05)), rosenbrock, 25)).toBeAllClose(ref, { rtol: 1e-12 });
  });

  it('refuses a negative bound', () => {
    expect(() => clipByValue(-1)).toThrow(ValueError);
    expect(() => clipByValue(Number.NaN)).toThrow(/clipByValue: maxDelta must be a finite number ≥ 0, got NaN/);
  });
});

describeOptimizerContract('clipByValue then sgd', () => chain(clipByValue(1), sgd(0.1)), { solves: [quadratic] });
