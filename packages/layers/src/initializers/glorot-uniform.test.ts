import { createRng, max, mean, min, sqrt, square, sub } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { glorotUniform } from './glorot-uniform';

describe('glorotUniform', () => {
  it('is uniform on ±√(6/(fanIn + fanOut)), so Var w = 2/(fanIn + fanOut)', () => {
    const w = glorotUniform([200, 600], { rng: createRng(4), dtype: 'float64' });
    const limit = Math.sqrt(6 / 800);
    const sigma = Math.sqrt(2 / 800); // 0.05
    expect(min(w).item()).toBeGreaterThanOrEqual(-limit);
    expect(max(w).item()).toBeLessThan(limit);
    const m = mean(w).item();
    expect(Math.abs(m) / sigma).toBeLessThan(0.01);
    expect(Math.abs(sqrt(mean(square(sub(w, m)))).item() / sigma - 1)).toBeLessThan(0.02);
  });

  it('uses the conv fans for [outC, inC, kh, kw]', () => {
    const w = glorotUniform([16, 6, 5, 5], { rng: createRng(4) }); // fanIn 150, fanOut 400
    expect(max(w).item()).toBeLessThan(Math.sqrt(6 / 550));
    expect(max(w).item()).toBeGreaterThan(0.95 * Math.sqrt(6 / 550));
  });

  it('repeats with the same seed', () => {
    expect(glorotUniform([5, 5], { rng: createRng(3) })).toBeAllClose(glorotUniform([5, 5], { rng: createRng(3) }), { rtol: 0, atol: 0 });
    expect(glorotUniform.description).toEqual({ name: 'glorotUniform', config: {} });
  });
});
