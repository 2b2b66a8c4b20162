import { ValueError, createRng, max, mean, min } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { smallUniform } from './small-uniform';

describe('smallUniform', () => {
  it('is uniform on ±scale whatever the shape (0.05 by default)', () => {
    for (const [scale, init] of [[0.05, smallUniform()], [0.5, smallUniform({ scale: 0.5 })]] as const) {
      const w = init([1000, 100], { rng: createRng(7), dtype: 'float64' });
      expect(min(w).item()).toBeGreaterThanOrEqual(-scale);
      expect(max(w).item()).toBeLessThan(scale);
      expect(min(w).item()).toBeLessThan(-0.99 * scale);
      expect(Math.abs(mean(w).item()) / scale).toBeLessThan(0.01);
    }
  });

  it('repeats with the same seed and describes its scale', () => {
    const init = smallUniform({ scale: 0.1 });
    expect(init([4, 4], { rng: createRng(1) })).toBeAllClose(init([4, 4], { rng: createRng(1) }), { rtol: 0, atol: 0 });
    expect(init.description).toEqual({ name: 'smallUniform', config: { scale: 0.1 } });
  });

  it('refuses a non-finite scale', () => {
    expect(() => smallUniform({ scale: Infinity })).toThrow(ValueError);
  });
});
