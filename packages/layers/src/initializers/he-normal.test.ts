import { createRng, mean, sqrt, square, sub } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { heNormal } from './he-normal';

describe('heNormal', () => {
  it('has mean 0 and σ = √(2/fanIn)', () => {
    const w = heNormal([32, 50, 3, 3], { rng: createRng(5), dtype: 'float64' }); // fanIn 450, 144,000 draws
    const sigma = Math.sqrt(2 / 450);
    const m = mean(w).item();
    expect(Math.abs(m) / sigma).toBeLessThan(0.015);
    expect(Math.abs(sqrt(mean(square(sub(w, m)))).item() / sigma - 1)).toBeLessThan(0.02);
  });

  it('repeats with the same seed', () => {
    expect(heNormal([5, 5], { rng: createRng(3) })).toBeAllClose(heNormal([5, 5], { rng: createRng(3) }), { rtol: 0, atol: 0 });
    expect(heNormal.description).toEqual({ name: 'heNormal', config: {} });
  });
});
