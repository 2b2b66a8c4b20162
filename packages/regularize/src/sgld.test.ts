import { describe, expect, it } from 'vitest';
import { type Tensor, ValueError, add, createRng, sub, tensor } from '@nn/tensor';
import { sgld } from './sgld';

describe('sgld', () => {
  it("samples the analytic posterior of a Gaussian's mean (conjugate prior), with a fixed seed", () => {
    // Data x₁…x₁₀ ~ N(μ, 1), prior μ ~ N(0, 1/λ) with λ = 1. The mean loss ½·mean (xᵢ − μ)² is the
    // negative log-likelihood per sample; its gradient is μ − x̄. Posterior: precision P = λ + N = 11,
    // mean N·x̄/P, variance 1/P = 0.0909. With ε = 0.005 the chain μ ← μ − (ε/2)·P·(μ − m) + √ε·ξ has
    // the stationary variance 1/(P·(1 − εP/4)) = 0.0922 (1.4 % wider) and autocorrelation
    // ρ = 1 − εP/2 = 0.9725: 60,000 steps give ≈ 60,000·(1 − ρ)/(1 + ρ) ≈ 840 independent draws, so
    // the sample mean's error is ≈ √(0.092/840) = 0.010 and the variance's ≈ 3.5 % (over seeds 1–7 and
    // 42 we measured a spread of 0.016 in the mean and 0.94–1.09 × 1/P in the variance).
    const xs = [1.2, 0.4, 2.1, 1.7, 0.9, 1.3, 2.5, 0.2, 1.1, 1.6];
    const n = xs.length;
    const xbar = xs.reduce((a, b) => a + b, 0) / n; // 1.3
    const precision = 1 + n;
    const postMean = (n * xbar) / precision; // 1.1818
    const opt = sgld({ learningRate: 0.005, datasetSize: n, priorPrecision: 1, rng: createRng(42) });
    let params: { mu: Tensor } = { mu: tensor([0], [1], 'float64') };
    let state = opt.init(params);
    const burnIn = 2000;
    const steps = 60000;
    let sum = 0;
    let sumSq = 0;
    for (let t = 0; t < burnIn + steps; t++) {
      const grads = { mu: sub(params.mu, xbar) };
      let u: typeof grads;
      [u, state] = opt.update(grads, state, params);
      params = { mu: add(params.mu, u.mu) };
      if (t >= burnIn) {
        const v = params.mu.item();
        sum += v;
        sumSq += v * v;
      }
    }
    const m = sum / steps;
    const variance = sumSq / steps - m * m;
    expect(Math.abs(m - postMean)).toBeLessThan(0.05);
    expect(variance / (1 / precision)).toBeGreaterThan(0.88);
    expect(variance / (1 / precision)).toBeLessThan(1.16);
    expect(state.count).toBe(burnIn + steps);
  });

  it('makes the first update by hand: −(ε/2)·(N·g + λ·θ) plus noise of variance ε', () => {
    // Same seed for the noise: draw it from a twin generator.
    const noise = createRng(5).normal() * Math.sqrt(0.01);
    const opt = sgld({ learningRate: 0.01, datasetSize: 100, priorPrecision: 2, rng: createRng(5) });
    const params = { w: tensor([3], [1], 'float64') };
    const [u] = opt.update({ w: tensor([0.5], [1], 'float64') }, opt.init(params), params);
    // −0.005·(100·0.5 + 2·3) = −0.28
    expect(u.w).toBeAllClose([-0.28 + noise], { rtol: 1e-12 });
    expect(params.w.item()).toBe(3); // params untouched
  });

  it('is plain gradient descent on the log-posterior at temperature 0, and reads a schedule by its own count', () => {
    const opt = sgld({ learningRate: (t) => 0.1 / (1 + t), datasetSize: 10, priorPrecision: 0, temperature: 0, rng: createRng(0) });
    let state = opt.init({});
    let u;
    [u, state] = opt.update({ w: tensor([1]) }, state);
    expect(u.w).toBeAllClose([-0.5]); // −(0.1/2)·10·1
    [u, state] = opt.update({ w: tensor([1]) }, state);
    expect(u.w).toBeAllClose([-0.25]); // −(0.05/2)·10·1
    expect(JSON.parse(JSON.stringify(state))).toEqual({ count: 2 });
  });

  it('refuses bad options and a missing params argument with a prior', () => {
    const rng = createRng(0);
    expect(() => sgld({ learningRate: -1, datasetSize: 10, rng })).toThrow('sgld: learningRate must be a finite number ≥ 0, got -1');
    expect(() => sgld({ learningRate: 0.1, datasetSize: 0, rng })).toThrow('sgld: datasetSize must be a positive integer, got 0');
    expect(() => sgld({ learningRate: 0.1, datasetSize: 10, priorPrecision: NaN, rng })).toThrow(ValueError);
    expect(() => sgld({ learningRate: 0.1, datasetSize: 10, temperature: -1, rng })).toThrow('temperature must be a finite number ≥ 0');
    expect(() => sgld({ learningRate: 0.1, datasetSize: 10 } as never)).toThrow('sgld: rng must be a generator');
    const opt = sgld({ learningRate: 0.1, datasetSize: 10, rng });
    expect(() => opt.update({ w: tensor([1]) }, opt.init({}))).toThrow("sgld: the prior's gradient λ·θ needs the params");
    const scheduled = sgld({ learningRate: () => NaN, datasetSize: 10, priorPrecision: 0, rng });
    expect(() => scheduled.update({ w: tensor([1]) }, scheduled.init({}))).toThrow("sgld: the schedule's value at step 0 must be a finite number ≥ 0, got NaN");
  });
});
