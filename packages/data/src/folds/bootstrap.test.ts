import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import { bootstrap } from './bootstrap';

describe('bootstrap', () => {
  it('draws N indices with replacement; out-of-bag is exactly the set never drawn', () => {
    const { train, outOfBag } = bootstrap(50, { rng: createRng(5) });
    expect(train).toHaveLength(50);
    const drawn = new Set(train);
    expect(Array.from(outOfBag)).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => !drawn.has(i)));
    expect(train.every((i) => i >= 0 && i < 50)).toBe(true);
  });

  it('leaves about N/e samples out of the bag', () => {
    // P(left out) = (1 − 1/N)ᴺ ≈ 0.3677 for N = 2000; sd of the share ≈ sqrt(0.37·0.63/2000) ≈ 0.011
    const { outOfBag } = bootstrap(2000, { rng: createRng(11) });
    expect(outOfBag.length / 2000).toBeGreaterThan(0.3677 - 0.04);
    expect(outOfBag.length / 2000).toBeLessThan(0.3677 + 0.04);
  });

  it('is reproducible and refuses an empty set', () => {
    expect(Array.from(bootstrap(20, { rng: createRng(1) }).train)).toEqual(Array.from(bootstrap(20, { rng: createRng(1) }).train));
    expect(() => bootstrap(0, { rng: createRng(1) })).toThrow(ValueError);
  });
});
