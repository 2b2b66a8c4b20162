import { ValueError, createRng, mean, sqrt, square, sub } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { smallNormal } from './small-normal';

describe('smallNormal', () => {
  it('has mean 0 and σ = scale whatever the shape (0.05 by default)', () => {
    for (const [scale, init] of [[0.05, smallNormal()], [0.3, smallNormal({ scale: 0.3 })]] as const) {
      const w = init([1000, 100], { rng: createRng(6), dtype: 'float64' });
      const m = mean(w).item();
      expect(Math.abs(m) / scale).toBeLessThan(0.01);
      expect(Math.abs(sqrt(mean(square(sub(w, m)))).item() / scale - 1)).toBeLessThan(0.02);
    }
  });

  it('repeats with the same seed and describes its scale', () => {
    const init = smallNormal({ scale: 0.1 });
    expect(init([4, 4], { rng: createRng(1) })).toBeAllClose(init([4, 4], { rng: createRng(1) }), { rtol: 0, atol: 0 });
    expect(init.description).toEqual({ name: 'smallNormal', config: { scale: 0.1 } });
  });

  it('refuses a negative scale', () => {
    expect(() => smallNormal({ scale: -1 })).toThrow(ValueError);
  });
});
