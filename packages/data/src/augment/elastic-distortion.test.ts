import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, createRng, tensor } from '@nn/tensor';
import { elasticDistortion } from './elastic-distortion';

/** n random images [n, 1, size, size] with values in [lo, hi). */
function noise(n: number, size: number, seed: number, dtype: 'float32' | 'float64' = 'float32', lo = 0.2, hi = 0.9) {
  const rng = createRng(seed);
  return tensor(Array.from({ length: n }, () => [Array.from({ length: size }, () => Array.from({ length: size }, () => rng.uniformRange(lo, hi)))]), undefined, dtype);
}
const range = (a: ArrayLike<number>) => {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < a.length; i++) { lo = Math.min(lo, a[i]); hi = Math.max(hi, a[i]); }
  return [lo, hi];
};

describe('elasticDistortion', () => {
  it('is the identity with alpha = 0', () => {
    const x = noise(3, 12, 1);
    expect(elasticDistortion({ alpha: 0 })(x, createRng(0)).toArray()).toEqual(x.toArray());
  });

  it('keeps the shape and the dtype', () => {
    const a = elasticDistortion()(noise(2, 16, 2, 'float32'), createRng(0));
    expect([a.shape, a.dtype]).toEqual([[2, 1, 16, 16], 'float32']);
    const three = tensor([[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]], undefined, 'float64'); // [1, 2, 3]
    const b = elasticDistortion({ alpha: 3, sigma: 1 })(three, createRng(0));
    expect([b.shape, b.dtype]).toEqual([[1, 2, 3], 'float64']);
  });

  it('keeps every value within the [min, max] of the input (a convex combination of its pixels)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = noise(6, 20, 3, dtype);
      const [lo, hi] = range(x.dataSync());
      // strong, rough fields, so that many positions land between pixels and past the borders
      for (const options of [{}, { alpha: 80, sigma: 1 }, { alpha: 10, sigma: 0 }]) {
        const out = elasticDistortion(options)(x, createRng(4)).dataSync();
        const [outLo, outHi] = range(out);
        expect(outLo).toBeGreaterThanOrEqual(lo - 1e-12);
        expect(outHi).toBeLessThanOrEqual(hi + 1e-12);
      }
    }
  });

  it('moves pixels: the output differs from the input, but not by much on average at the defaults', () => {
    // a smooth image (a ramp), so that a displacement of about a pixel changes each value a little
    const ramp = tensor([[Array.from({ length: 28 }, (_, r) => Array.from({ length: 28 }, (_, c) => (r + c) / 54))]], undefined, 'float64');
    const out = elasticDistortion()(ramp, createRng(5)).dataSync();
    const x = ramp.dataSync();
    let moved = 0, total = 0;
    for (let i = 0; i < x.length; i++) {
      if (Math.abs(out[i] - x[i]) > 1e-9) moved++;
      total += Math.abs(out[i] - x[i]) * 54; // in pixels of displacement along the ramp
    }
    expect(moved).toBeGreaterThan(x.length / 2);
    // σ = 4 on uniform [−1, 1]: inside the image each smoothed component has std ≈ √(1/3 · 1/(4πσ²))
    // ≈ 0.041, so α = 34 moves a pixel by ≈ 1.4 along each axis (more near the borders, where the
    // reflection repeats the noise: ≈ 1.75 over a 28×28 image); |αΔx + αΔy| averages ≈ 1.9. Accept 0.5 … 4.
    expect(total / x.length).toBeGreaterThan(0.5);
    expect(total / x.length).toBeLessThan(4);
  });

  it('repeats with the same seed and differs with another', () => {
    const x = noise(4, 14, 6);
    const aug = elasticDistortion({ alpha: 8, sigma: 2 });
    const a = aug(x, createRng(11)).toArray();
    expect(aug(x, createRng(11)).toArray()).toEqual(a);
    expect(aug(x, createRng(12)).toArray()).not.toEqual(a);
  });

  it('distorts each image independently, every channel alike', () => {
    const one = (noise(1, 10, 7).toArray() as number[][][][])[0][0];
    const x = tensor(Array.from({ length: 3 }, () => [one, one.map((row) => row.map((v) => 2 * v))])); // [3, 2, 10, 10]
    const out = elasticDistortion({ alpha: 6, sigma: 1.5 })(x, createRng(8)).toArray() as number[][][][];
    expect(out[0][0]).not.toEqual(out[1][0]);
    expect(out[1][0]).not.toEqual(out[2][0]);
    for (const image of out) expect(image[1]).toEqual(image[0].map((row) => row.map((v) => 2 * v)));
  });

  it('fills from outside with a number fill', () => {
    // a displacement of ~α = 500 pixels on a 6×6 image sends most positions outside: they read fill = −3
    const out = elasticDistortion({ alpha: 500, sigma: 1, fill: -3 })(noise(1, 6, 9), createRng(0)).dataSync();
    expect(Array.from(out).filter((v) => v === -3).length).toBeGreaterThan(18);
  });

  it('refuses bad options and input with typed errors naming the op', () => {
    expect(() => elasticDistortion({ sigma: -1 })).toThrow(ValueError);
    expect(() => elasticDistortion({ sigma: -1 })).toThrow('elasticDistortion: sigma must be a finite number ≥ 0, got -1');
    expect(() => elasticDistortion({ alpha: Number.NaN })).toThrow(/elasticDistortion: alpha/);
    expect(() => elasticDistortion({ fill: 'mirror' as never })).toThrow(/elasticDistortion: fill must be a finite number or 'edge', got 'mirror'/);
    const aug = elasticDistortion();
    expect(() => aug(tensor([1, 2, 3, 4]), createRng(0))).toThrow(ShapeError);
    expect(() => aug(tensor([1, 2, 3, 4]), createRng(0))).toThrow(/elasticDistortion: expected images \[N, C, H, W\] or \[N, H, W\], got shape \[4\]/);
    expect(() => aug(tensor([[[1, 2]]], undefined, 'int32'), createRng(0))).toThrow(DTypeError);
    expect(() => aug(noise(1, 4, 0), {} as never)).toThrow(/elasticDistortion: expected an rng/);
  });
});
