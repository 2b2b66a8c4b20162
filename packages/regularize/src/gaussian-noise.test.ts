import { NnError, ValueError, createRng, full, mul, randn, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { gaussianNoise } from './gaussian-noise';
import { values } from './test-helpers';

describe('gaussianNoise', () => {
  it('adds noise of the stated variance while training (fixed seed)', () => {
    const N = 100_000;
    const sigma = 0.5;
    const y = values(gaussianNoise(sigma).forward(full([N], 3), { training: true, rng: createRng(21) }));
    const m = y.reduce((s, v) => s + v, 0) / N;
    const variance = y.reduce((s, v) => s + (v - m) ** 2, 0) / (N - 1);
    expect(Math.abs(m - 3)).toBeLessThan(5 * (sigma / Math.sqrt(N))); // standard error of the mean
    expect(Math.abs(variance - sigma ** 2)).toBeLessThan(5 * sigma ** 2 * Math.sqrt(2 / (N - 1))); // of the variance
  });

  it('is the identity at test time and with σ = 0', () => {
    const x = tensor([1, 2]);
    expect(gaussianNoise(0.3).forward(x)).toBe(x);
    expect(gaussianNoise(0).forward(x, { training: true, rng: createRng(1) })).toBe(x);
  });

  it('has the gradient 1 in its input for fixed noise (float64)', () => {
    const rng = createRng(22);
    const x = randn([3, 4], { rng, dtype: 'float64' });
    const c = randn([3, 4], { rng, dtype: 'float64' });
    const layer = gaussianNoise(2);
    expectGradClose((p) => sum(mul(layer.forward(p.x, { training: true, rng: createRng(5) }), c)), { x });
  });

  it('refuses a negative or non-finite stddev and training without a generator', () => {
    expect(() => gaussianNoise(Number.NaN)).toThrow('gaussianNoise: stddev must be a finite number ≥ 0, got NaN');
    expect(() => gaussianNoise(Number.POSITIVE_INFINITY)).toThrow(ValueError);
    expect(() => gaussianNoise(-1)).toThrow(ValueError);
    expect(() => gaussianNoise(1).forward(tensor([1]), { training: true })).toThrow(NnError);
  });
});
