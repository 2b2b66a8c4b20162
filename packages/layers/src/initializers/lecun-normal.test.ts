import { createRng, mean, sqrt, square, sub } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { lecunNormal } from './lecun-normal';

describe('lecunNormal', () => {
  it('has mean 0 and σ = 1/√fanIn, for dense and conv shapes', () => {
    for (const shape of [[500, 400], [64, 16, 5, 5]]) {
      const fanIn = shape.length === 2 ? shape[0] : shape[1] * shape[2] * shape[3]; // 500, 400
      const w = lecunNormal(shape, { rng: createRng(1), dtype: 'float64' });
      const m = mean(w).item();
      const std = sqrt(mean(square(sub(w, m)))).item();
      expect(Math.abs(m) * Math.sqrt(fanIn)).toBeLessThan(0.01);
      expect(Math.abs(std * Math.sqrt(fanIn) - 1)).toBeLessThan(0.02);
    }
  });

  it('repeats with the same seed, and defaults to float32', () => {
    const a = lecunNormal([3, 4], { rng: createRng(9) });
    expect(a.dtype).toBe('float32');
    expect(a).toBeAllClose(lecunNormal([3, 4], { rng: createRng(9) }), { rtol: 0, atol: 0 });
    expect(a.dataSync()).not.toEqual(lecunNormal([3, 4], { rng: createRng(10) }).dataSync());
  });

  it('describes itself', () => {
    expect(lecunNormal.description).toEqual({ name: 'lecunNormal', config: {} });
  });
});
