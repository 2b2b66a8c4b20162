import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { exponentialDecay } from '../schedules/exponential-decay';
import { scaleByLearningRate } from './scale-by-learning-rate';

const params = { w: tensor([1, -1]) };
const grads = { w: tensor([2, -4]) };

describe('scaleByLearningRate', () => {
  it('emits −η·g and counts its updates', () => {
    const opt = scaleByLearningRate(0.5);
    const [u, s] = opt.update(grads, opt.init(params), params);
    expect(u.w).toBeAllClose([-1, 2]);
    expect(s).toEqual({ count: 1 });
  });

  it('reads a schedule at the count kept in its state', () => {
    // η_t = 1 / (t + 1): t = 0, 1, 2 → 1, 1/2, 1/3; u = −η_t·g with g = [2, −4]
    const opt = scaleByLearningRate((t) => 1 / (t + 1));
    let state = opt.init(params);
    const out: number[][] = [];
    for (let i = 0; i < 3; i++) {
      let u: typeof grads;
      [u, state] = opt.update(grads, state, params);
      out.push(Array.from(u.w.dataSync()));
    }
    expect(out).toBeAllClose([[-2, 4], [-1, 2], [-2 / 3, 4 / 3]]);
    expect(state).toEqual({ count: 3 });
  });

  it('resumes a schedule from a saved count', () => {
    // η₀ = 1, γ = 0.5 per 2 steps: η₄ = 0.5² = 0.25, so u = −0.25·[2, −4] = [−0.5, 1]
    const opt = scaleByLearningRate(exponentialDecay({ init: 1, decayRate: 0.5, decaySteps: 2 }));
    const [u, s] = opt.update(grads, { count: 4 }, params);
    expect(u.w).toBeAllClose([-0.5, 1]);
    expect(s).toEqual({ count: 5 });
  });

  it('refuses a negative rate, and a schedule value that is not a finite number ≥ 0', () => {
    expect(() => scaleByLearningRate(-1)).toThrow(ValueError);
    expect(() => scaleByLearningRate(Number.NaN)).toThrow(/learningRate must be a finite number ≥ 0, got NaN/);
    const bad = scaleByLearningRate((t) => (t < 2 ? 0.1 : -0.1));
    expect(() => bad.update(grads, { count: 2 }, params)).toThrow(/the schedule's value at step 2 must be a finite number ≥ 0, got -0.1/);
  });
});
