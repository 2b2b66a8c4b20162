import { describe, expect, it } from 'vitest';
import { createRng } from '@nn/tensor';
import { expectedImprovement, fitGaussianProcess, logMarginalLikelihood, matern52, normalCdf } from './gaussian-process';

function data(n: number, d: number, seed: number) {
  const rng = createRng(seed);
  const xs = Array.from({ length: n }, () => rng.fillUniform(new Float64Array(d)));
  const y = Float64Array.from(xs, (x) => Math.sin(6 * x[0]) + 0.1 * (d > 1 ? x[1] : 0));
  return { xs, y, rng };
}

describe('matern52', () => {
  it('is σf² at r = 0 and (1 + √5 + 5/3) e^(−√5) σf² at r = 1', () => {
    expect(matern52([0.3, 0.4], [0.3, 0.4], [4, 1], 2)).toBe(2);
    // r² = (0.5)²·4 = 1 along the first axis (ℓ = ½)
    expect(matern52([0, 0], [0.5, 0], [4, 1], 2)).toBeCloseTo(2 * (1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 14);
  });
});

describe('logMarginalLikelihood', () => {
  it('has the gradient of central finite differences (float64)', () => {
    const { xs, y } = data(8, 3, 1);
    const theta = Float64Array.from([Math.log(0.4), Math.log(0.7), Math.log(1.5), Math.log(1.3), Math.log(0.01)]);
    const { grad } = logMarginalLikelihood(xs, y, theta);
    const h = 1e-6;
    theta.forEach((_, j) => {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[j] += h;
      down[j] -= h;
      const fd = (logMarginalLikelihood(xs, y, up).value - logMarginalLikelihood(xs, y, down).value) / (2 * h);
      expect(grad[j]).toBeCloseTo(fd, 5);
    });
  });

  it('equals −½ yᵀK⁻¹y − ½ ln|K| − (n/2) ln 2π for two points, by hand', () => {
    // K = [[a, b], [b, a]] with a = σf² + σn², b = k(r); |K| = a² − b², yᵀK⁻¹y = (a y₁² − 2b y₁y₂ + a y₂²)/|K|
    const xs = [Float64Array.of(0), Float64Array.of(0.5)];
    const y = Float64Array.of(1, -1);
    const theta = Float64Array.of(Math.log(0.5), 0, Math.log(0.1)); // ℓ = ½ → r = 1; σf² = 1; σn² = 0.1
    const a = 1 + 0.1 + 1e-8;
    const b = (1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5));
    const det = a * a - b * b;
    const expected = -0.5 * ((a + 2 * b + a) / det) - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
    expect(logMarginalLikelihood(xs, y, theta).value).toBeCloseTo(expected, 12);
  });
});

describe('fitGaussianProcess', () => {
  it('interpolates a smooth function and is unsure far from the data', () => {
    const { xs, y, rng } = data(15, 1, 2);
    const gp = fitGaussianProcess(xs, y, rng, { restarts: 2 });
    for (const u of [0.2, 0.5, 0.8]) {
      const { mean, std } = gp.predict([u]);
      expect(Math.abs(mean - Math.sin(6 * u))).toBeLessThan(0.1);
      expect(std).toBeLessThan(0.2);
    }
    // at a data point the posterior sits on the (almost noise-free) observation
    expect(gp.predict(xs[0]).mean).toBeCloseTo(y[0], 1);
  });

  it('learns a long length scale for an input that does not matter (ARD)', () => {
    const rng = createRng(4);
    const xs = Array.from({ length: 20 }, () => rng.fillUniform(new Float64Array(2)));
    const y = xs.map((x) => Math.sin(5 * x[0]));
    const gp = fitGaussianProcess(xs, y, rng, { restarts: 2 });
    expect(Math.exp(gp.theta[1])).toBeGreaterThan(3 * Math.exp(gp.theta[0]));
  });

  it('is reproducible from the same generator state', () => {
    const a = data(10, 2, 3);
    const b = data(10, 2, 3);
    expect(Array.from(fitGaussianProcess(a.xs, a.y, a.rng).theta)).toEqual(Array.from(fitGaussianProcess(b.xs, b.y, b.rng).theta));
  });
});

describe('expectedImprovement', () => {
  it('is (f* − μ)Φ(u) + σφ(u), by hand at u = 0 and u = 1', () => {
    // μ = f*, ξ = 0: EI = σ φ(0) = σ/√(2π)
    expect(expectedImprovement(1, 2, 1, 0)).toBeCloseTo(2 / Math.sqrt(2 * Math.PI), 7);
    // f* − μ = σ = 1: EI = Φ(1) + φ(1) = 0.841345 + 0.241971
    expect(expectedImprovement(0, 1, 1, 0)).toBeCloseTo(0.841345 + 0.241971, 5);
    expect(expectedImprovement(3, 0, 1)).toBe(0);
    expect(expectedImprovement(0, 0, 1, 0)).toBe(1);
  });

  it('Φ matches known quantiles', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
  });
});
