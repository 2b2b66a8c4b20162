import { describe, expect, it } from 'vitest';
import { gaussianKernel, gaussianSmoother, reflectIndex } from './gaussian-smooth';

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

describe('gaussianKernel', () => {
  it('sums to 1, is symmetric, peaks at the centre and reaches ⌈3σ⌉ each side', () => {
    for (const sigma of [0.5, 1, 4, 6.3]) {
      const k = gaussianKernel(sigma);
      const r = Math.ceil(3 * sigma);
      expect(k.length).toBe(2 * r + 1);
      expect(Math.abs(sum(k) - 1)).toBeLessThan(1e-15);
      for (let j = 0; j < r; j++) {
        expect(k[j]).toBe(k[2 * r - j]);
        expect(k[j]).toBeLessThan(k[j + 1]);
      }
    }
  });

  it('has the sampled Gaussian weights', () => {
    // σ = 1, r = 3: exp(−k²/2) for k = 0 … 3 is 1, 0.60653066, 0.13533528, 0.011108997; their sum with
    // both sides is 1 + 2·(0.60653066 + 0.13533528 + 0.011108997) = 2.50594987.
    const k = gaussianKernel(1);
    expect(k).toBeAllClose([0.011108997, 0.13533528, 0.60653066, 1, 0.60653066, 0.13533528, 0.011108997].map((v) => v / 2.50594987), { rtol: 1e-7 });
  });

  it('is [1] for σ = 0: no smoothing', () => {
    expect(Array.from(gaussianKernel(0))).toEqual([1]);
  });
});

describe('reflectIndex', () => {
  it('mirrors at both ends, repeating the edge sample (… c b a | a b c …)', () => {
    expect(Array.from(reflectIndex(4, 3))).toEqual([2, 1, 0, 0, 1, 2, 3, 3, 2, 1]);
    // a radius longer than the axis folds again
    expect(Array.from(reflectIndex(2, 4))).toEqual([0, 1, 1, 0, 0, 1, 1, 0, 0, 1]);
  });
});

describe('gaussianSmoother', () => {
  const h = 9;
  const w = 11;
  const run = (field: Float64Array, sigma: number) => {
    gaussianSmoother(sigma, h, w)(field);
    return field;
  };

  it('keeps a constant field constant (the kernel sums to 1, the borders reflect)', () => {
    const out = run(new Float64Array(h * w).fill(0.7), 2);
    for (const v of out) expect(Math.abs(v - 0.7)).toBeLessThan(1e-14);
  });

  it('spreads an interior impulse into the outer product of the kernel', () => {
    const field = new Float64Array(h * w);
    field[4 * w + 5] = 1; // row 4, column 5; σ = 1 reaches 3 each way, inside the 9×11 grid
    const out = run(field, 1);
    const k = gaussianKernel(1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const ky = Math.abs(y - 4) <= 3 ? k[y - 4 + 3] : 0;
        const kx = Math.abs(x - 5) <= 3 ? k[x - 5 + 3] : 0;
        expect(Math.abs(out[y * w + x] - ky * kx)).toBeLessThan(1e-16);
      }
    }
    expect(Math.abs(sum(out) - 1)).toBeLessThan(1e-14);
  });

  it('reflects at the border: an impulse in a corner keeps its whole mass', () => {
    const field = new Float64Array(h * w);
    field[0] = 1;
    const out = run(field, 1.5);
    // mass that would leave the grid folds back in, so the total stays 1
    expect(Math.abs(sum(out) - 1)).toBeLessThan(1e-14);
    // 'reflect' reads position −1 as 0, so along the first row out[0, 0] gets taps k₀ (from 0) and k₁
    // (from −1), and the column pass does the same again: out[0, 0] = (k₀ + k₁)², k the centred taps.
    const k = gaussianKernel(1.5);
    const r = (k.length - 1) / 2;
    expect(out[0]).toBeCloseTo((k[r] + k[r + 1]) ** 2, 15);
  });
});
