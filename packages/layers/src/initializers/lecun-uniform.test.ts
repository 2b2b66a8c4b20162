import { createRng, max, mean, min, sqrt, square, sub } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { lecunUniform } from './lecun-uniform';

describe('lecunUniform', () => {
  it('is uniform on ±√(3/fanIn), so σ = 1/√fanIn', () => {
    const w = lecunUniform([300, 600], { rng: createRng(2), dtype: 'float64' });
    const limit = Math.sqrt(3 / 300);
    expect(min(w).item()).toBeGreaterThanOrEqual(-limit);
    expect(max(w).item()).toBeLessThan(limit);
    const m = mean(w).item();
    expect(Math.abs(m) * Math.sqrt(300)).toBeLessThan(0.01);
    expect(Math.abs(sqrt(mean(square(sub(w, m)))).item() * Math.sqrt(300) - 1)).toBeLessThan(0.02);
  });

  it('repeats with the same seed', () => {
    expect(lecunUniform([5, 5], { rng: createRng(3) })).toBeAllClose(lecunUniform([5, 5], { rng: createRng(3) }), { rtol: 0, atol: 0 });
    expect(lecunUniform.description).toEqual({ name: 'lecunUniform', config: {} });
  });
});
