import { type Params, type Tensor, ValueError, add, createRng, mul, pow, sub, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { sgd } from '../alias/sgd';
import { vsgd } from '../alias/vsgd';
import { applyUpdates } from '../apply-updates';
import { describeOptimizerContract, illConditionedQuadratic, quadratic } from '../testing';
import { type ScaleByVsgdState, scaleByVsgd } from './scale-by-vsgd';

/** ∇ of f(θ) = Σ ½·λ·(θ − ξ)² + ¼·μ·(θ − ξ)⁴: λ·(θ − ξ) + μ·(θ − ξ)³, for one sample ξ. */
function gradAt(theta: Tensor, xi: Tensor, lambda: Tensor, mu: Tensor): Tensor {
  const d = sub(theta, xi);
  return add(mul(lambda, d), mul(mu, pow(d, 3)));
}

/** The same in plain numbers. */
const gradOf = (theta: number, xi: number, lambda: number, mu: number) => lambda * (theta - xi) + mu * (theta - xi) ** 3;

/**
 * vSGD-fd written from the papers' equations over plain numbers, one weight at a time: slow start over
 * n₀ samples (zero steps, plain means, then ×C for v̄, h̄ and ×C² for v̄ʰ, τ = n₀), then per sample
 * h = |g(θ + ḡ) − g(θ)| / (|ḡ| + ε), the four averages with weight 1/τ, η = (ḡ²/(v̄ + ε))·h̄/(v̄ʰ + ε),
 * τ ← (1 − ḡ²/(v̄ + ε))·τ + 1, θ ← θ − η·g; with `outliers`, first τ ← τ + 1 where |g − ḡ| > 2√(v̄ − ḡ²)
 * or |h − h̄| > 2√(v̄ʰ − h̄²). Returns θ after every step, and how many outliers were seen.
 */
function reference(theta0: number[], lambda: number[], mu: number[], samples: number[][], n0: number, c: number, eps: number, outliers = false) {
  const d = theta0.length;
  const theta = [...theta0];
  const gb = new Array<number>(d).fill(0);
  const vb = new Array<number>(d).fill(0);
  const hb = new Array<number>(d).fill(0);
  const hv = new Array<number>(d).fill(0);
  const tau = new Array<number>(d).fill(n0);
  const out: number[][] = [];
  let seen = 0;
  samples.forEach((xi, t) => {
    for (let i = 0; i < d; i++) {
      const g = gradOf(theta[i], xi[i], lambda[i], mu[i]);
      const delta = t < n0 ? g : gb[i];
      const h = Math.abs(gradOf(theta[i] + delta, xi[i], lambda[i], mu[i]) - g) / (Math.abs(delta) + eps);
      if (t < n0) {
        const last = t === n0 - 1;
        gb[i] = gb[i] + g / n0;
        vb[i] = (vb[i] + (g * g) / n0) * (last ? c : 1);
        hb[i] = (hb[i] + h / n0) * (last ? c : 1);
        hv[i] = (hv[i] + (h * h) / n0) * (last ? c * c : 1);
        continue;
      }
      if (outliers) {
        const far = (x: number, m: number, sq: number) => Math.abs(x - m) > 2 * Math.sqrt(Math.max(sq - m * m, 0));
        if (far(g, gb[i], vb[i]) || far(h, hb[i], hv[i])) {
          tau[i] += 1;
          seen++;
        }
      }
      const f = 1 / tau[i];
      gb[i] = (1 - f) * gb[i] + f * g;
      vb[i] = (1 - f) * vb[i] + f * g * g;
      hb[i] = (1 - f) * hb[i] + f * h;
      hv[i] = (1 - f) * hv[i] + f * h * h;
      const signal = (gb[i] * gb[i]) / (vb[i] + eps);
      const eta = (signal * hb[i]) / (hv[i] + eps);
      tau[i] = (1 - signal) * tau[i] + 1;
      theta[i] -= eta * g;
    }
    out.push([...theta]);
  });
  return { thetas: out, outliersSeen: seen };
}

/** Runs `opt` on the stochastic objective above, one sample ξ per update; returns θ after every step and the states. */
function run(opt: ReturnType<typeof vsgd>, theta0: number[], lambda: number[], mu: number[], samples: number[][]) {
  const lam = tensor(lambda, [lambda.length], 'float64');
  const m = tensor(mu, [mu.length], 'float64');
  const params = { w: tensor(theta0, [theta0.length], 'float64') };
  let state = opt.init(params);
  const thetas: number[][] = [];
  const states: ScaleByVsgdState[] = [];
  for (const sample of samples) {
    const xi = tensor(sample, [sample.length], 'float64');
    const lossAndGrad = (p: Params) => ({ loss: 0, grads: { w: gradAt((p as { w: Tensor }).w, xi, lam, m) } });
    const { grads } = lossAndGrad(params);
    let updates: typeof params;
    [updates, state] = opt.update(grads, state, params, { lossAndGrad });
    applyUpdates(params, updates);
    thetas.push(Array.from(params.w.dataSync()));
    states.push(state[0]);
  }
  return { thetas, states };
}

/** The elements of the leaf `w` of a state tree. */
const vector = (tree: Params) => Array.from((tree as { w: Tensor }).w.dataSync());

describe('scaleByVsgd', () => {
  it('spends n₀ updates on the slow start, then takes the step of the equations (by hand)', () => {
    // f = ½·4·(θ − ξ)², g = 4(θ − ξ), θ = 1 throughout; n₀ = 2, C = 2.
    // 1: ξ = 0 → g = 4, δ = g, g(θ+δ) = 20, h = 16/4 = 4; sums ḡ = 2, v̄ = 8, h̄ = 2, v̄ʰ = 8; no step.
    // 2: ξ = ½ → g = 2, δ = 2, g(3) = 10, h = 4; ḡ = 3, v̄ = (8 + 2)·2 = 20, h̄ = (2 + 2)·2 = 8,
    //    v̄ʰ = (8 + 8)·4 = 64, τ = 2; no step.
    // 3: ξ = 0 → g = 4, δ = ḡ = 3, g(4) = 16, h = 12/3 = 4; with 1/τ = ½: ḡ = 1.5 + 2 = 3.5,
    //    v̄ = 10 + 8 = 18, h̄ = 4 + 2 = 6, v̄ʰ = 32 + 8 = 40; ḡ²/v̄ = 12.25/18 = 0.680556,
    //    η = 0.680556·6/40 = 0.1020833, τ = (1 − 0.680556)·2 + 1 = 1.638889; emits η·g = 0.4083333.
    const opt = scaleByVsgd({ initSamples: 2, slowStart: 2 });
    const params = { w: tensor([1], [1], 'float64') };
    let state = opt.init(params);
    const emitted: number[] = [];
    for (const xi of [0, 0.5, 0]) {
      const lossAndGrad = (p: Params) => ({ loss: 0, grads: { w: mul(sub((p as { w: Tensor }).w, xi), 4) } });
      let u: typeof params;
      [u, state] = opt.update(lossAndGrad(params).grads, state, params, { lossAndGrad });
      emitted.push(u.w.item());
    }
    expect(emitted).toBeAllClose([0, 0, 0.4083333333], { rtol: 1e-9 });
    expect(vector(state.gradAvg)).toBeAllClose([3.5]);
    expect(vector(state.gradSqAvg)).toBeAllClose([18]);
    expect(vector(state.curvAvg)).toBeAllClose([6]);
    expect(vector(state.curvSqAvg)).toBeAllClose([40]);
    expect(vector(state.memory)).toBeAllClose([1.6388888889], { rtol: 1e-9 });
    expect(vector(state.rate)).toBeAllClose([0.1020833333], { rtol: 1e-9 });
    expect(state.count).toBe(3);
  });

  it('follows a plain-number loop of the equations on a noisy, non-quadratic objective (float64)', () => {
    // Three weights with different curvatures and a quartic term, so that h varies from sample to sample.
    const lambda = [1, 5, 20];
    const mu = [0.5, 0, 2];
    const rng = createRng(3);
    const samples = Array.from({ length: 60 }, () => lambda.map(() => 0.3 * rng.normal()));
    const expected = reference([2, -1, 0.5], lambda, mu, samples, 5, 2, 1e-12).thetas;
    const { thetas } = run(vsgd({ initSamples: 5, slowStart: 2 }), [2, -1, 0.5], lambda, mu, samples);
    // NOTE: h divides a difference of gradients by a small δ, so rounding differences between the tensor
    // ops and the plain loop grow to ~1e-8 relative over 60 steps.
    expect(thetas).toBeAllClose(expected, { rtol: 1e-6, atol: 1e-9 });
    // it moved: the last θ is far from the start
    expect(Math.abs(expected[59][0] - 2)).toBeGreaterThan(1);
  });

  it('with outliers, lengthens the memory where g or h is two standard deviations off (by hand, then the loop)', () => {
    // The example above with `outliers`: at update 3, before the averages, σ_g = √(20 − 3²) ≈ 3.3 ≥ |4 − 3|,
    // but σ_h = √(64 − 8²) = 0 < |4 − 8|, an outlier: τ = 2 + 1 = 3. With 1/τ = ⅓: ḡ = 2 + 4/3 = 10/3,
    // v̄ = 40/3 + 16/3 = 56/3, h̄ = 16/3 + 4/3 = 20/3, v̄ʰ = 128/3 + 16/3 = 48; ḡ²/v̄ = (100/9)/(56/3) = 25/42,
    // η = (25/42)·(20/3)/48 = 500/6048, τ = (17/42)·3 + 1 = 93/42; emits 4η = 2000/6048.
    const opt = scaleByVsgd({ initSamples: 2, slowStart: 2, outliers: true });
    const params = { w: tensor([1], [1], 'float64') };
    let state = opt.init(params);
    let u = params;
    for (const xi of [0, 0.5, 0]) {
      const lossAndGrad = (p: Params) => ({ loss: 0, grads: { w: mul(sub((p as { w: Tensor }).w, xi), 4) } });
      [u, state] = opt.update(lossAndGrad(params).grads, state, params, { lossAndGrad });
    }
    expect(u.w).toBeAllClose([2000 / 6048], { rtol: 1e-12 });
    expect(vector(state.memory)).toBeAllClose([93 / 42], { rtol: 1e-12 });

    // and the plain loop on the noisy quartic, where outliers do occur
    const lambda = [1, 5, 20];
    const mu = [0.5, 0, 2];
    const rng = createRng(5);
    const samples = Array.from({ length: 60 }, () => lambda.map(() => 0.3 * rng.normal() ** 3));
    const expected = reference([2, -1, 0.5], lambda, mu, samples, 5, 2, 1e-12, true);
    expect(expected.outliersSeen).toBeGreaterThan(5);
    const { thetas } = run(vsgd({ initSamples: 5, slowStart: 2, outliers: true }), [2, -1, 0.5], lambda, mu, samples);
    expect(thetas).toBeAllClose(expected.thetas, { rtol: 1e-6, atol: 1e-9 });
  });

  it('anneals on a noisy quadratic: τ grows, the rates shrink, θ settles at the optimum of the expectation', () => {
    // f = ½·Σ λ·(θ − ξ)², ξ ~ N(0, 1): the expected loss is least at θ = 0, and near it each sample's
    // gradient is mostly noise. SGD at a fixed rate η jitters there for ever: θ ← θ − ηλ(θ − ξ) has the
    // stationary variance ηλ/(2 − ηλ), an RMS of √(0.1/1.9) ≈ 0.23 at ηλ = 0.1. vSGD's memory grows and
    // its rates fall (towards 1/(λ·t)), so θ keeps getting closer.
    const lambda = [1, 10];
    const rng = createRng(11);
    const samples = Array.from({ length: 1000 }, () => lambda.map(() => rng.normal()));
    const { thetas, states } = run(vsgd(), [3, -2], lambda, [0, 0], samples);
    const windowMean = (from: number, to: number, f: (t: number) => number) => {
      let total = 0;
      for (let t = from; t < to; t++) total += f(t);
      return total / (to - from);
    };
    for (let i = 0; i < 2; i++) {
      const tau = (t: number) => vector(states[t].memory)[i];
      const rateTimesCurvature = (t: number) => vector(states[t].rate)[i] * lambda[i];
      expect(windowMean(700, 1000, tau)).toBeGreaterThan(8 * windowMean(20, 120, tau));
      expect(windowMean(700, 1000, rateTimesCurvature)).toBeLessThan(windowMean(20, 120, rateTimesCurvature) / 3);
      expect(Math.sqrt(windowMean(700, 1000, (t) => thetas[t][i] ** 2))).toBeLessThan(0.15);
    }
  });

  it('refuses bad options and an update without ctx.lossAndGrad', () => {
    expect(() => scaleByVsgd({ initSamples: 0 })).toThrow(ValueError);
    expect(() => scaleByVsgd({ initSamples: 1.5 })).toThrow(/scaleByVsgd.*initSamples \(n₀\) must be a positive integer, got 1.5/);
    expect(() => scaleByVsgd({ slowStart: 0.5 })).toThrow(/slowStart \(C\) must be a finite number ≥ 1, got 0.5/);
    expect(() => scaleByVsgd({ epsilon: 0 })).toThrow(/epsilon must be a finite number > 0, got 0/);
    const opt = scaleByVsgd();
    const params = { w: tensor([1]) };
    expect(() => opt.update({ w: tensor([1]) }, opt.init(params), params)).toThrow(/scaleByVsgd.*needs params and ctx\.lossAndGrad/);
    // a state from another optimizer is named as such
    const lossAndGrad = () => ({ loss: 0, grads: { w: tensor([1]) } });
    expect(() => vsgd().update({ w: tensor([1]) }, sgd(0.1).init(params) as never, params, { lossAndGrad })).toThrow(/vsgd.*was it made by another optimizer\?/);
  });
});

// vSGD reaches 1e-3 on the ill-conditioned bowl (κ = 1000) in ≈ 60 steps, where plain gradient descent needs ≈ 6,900.
describeOptimizerContract('vsgd', () => vsgd(), { solves: [quadratic, { ...illConditionedQuadratic, steps: 200 }], steps: 12 });
