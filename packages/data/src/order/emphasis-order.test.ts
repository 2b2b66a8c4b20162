import { describe, expect, it } from 'vitest';
import { ValueError, createRng, zeros } from '@nn/tensor';
import { emphasisOrder, emphasisProbabilities } from './emphasis-order';

describe('emphasisProbabilities', () => {
  it('is proportional to the loss when nothing hits the cap or the floor', () => {
    // losses 1, 2, 3, 4: mean 2.5, floor 0.25 and cap 5/4 not reached → p = ℓ / 10
    expect(emphasisProbabilities([1, 2, 3, 4])).toBeAllClose([0.1, 0.2, 0.3, 0.4], { atol: 1e-15 });
  });

  it('caps an outlier at cap/N and spreads the rest by loss', () => {
    // 10 samples, losses 1 × 9 and 1000: cap 2 → the outlier gets 2/10; the other nine share 0.8 equally
    const p = emphasisProbabilities([1, 1, 1, 1, 1, 1, 1, 1, 1, 1000], { cap: 2 });
    expect(p[9]).toBeCloseTo(0.2, 15);
    for (let i = 0; i < 9; i++) expect(p[i]).toBeCloseTo(0.8 / 9, 15);
  });

  it('keeps learned samples at the floor', () => {
    // losses 0, 0, 3, 3: mean 1.5, floor 0.5 → weights 0.75, 0.75, 3, 3 (sum 7.5); cap 5/4 not reached
    expect(emphasisProbabilities([0, 0, 3, 3], { floor: 0.5 })).toBeAllClose([0.1, 0.1, 0.4, 0.4], { atol: 1e-15 });
    expect(emphasisProbabilities([0, 0, 0])).toBeAllClose([1 / 3, 1 / 3, 1 / 3]);
  });

  it('refuses bad losses and options', () => {
    expect(() => emphasisProbabilities([1, -1])).toThrow(ValueError);
    expect(() => emphasisProbabilities([1, NaN])).toThrow('emphasisProbabilities: loss NaN of sample 1 is not finite and non-negative');
    expect(() => emphasisProbabilities([1], { cap: 0.5 })).toThrow('emphasisProbabilities: cap must be a finite number ≥ 1, got 0.5');
  });
});

describe('emphasisOrder', () => {
  it('draws samples in proportion to their probabilities (seeded frequency test)', () => {
    // losses 1, 2, 3, 4 repeated 250 times (N = 1000): p ∝ loss; over 20 epochs (20 000 draws) each
    // group of 250 is drawn 20 000·(ℓ/10) = 2000, 4000, 6000, 8000 times; sd ≈ √(np(1−p)) ≤ 65
    const n = 1000;
    const losses = Float64Array.from({ length: n }, (_, i) => (i % 4) + 1);
    const order = emphasisOrder();
    const rng = createRng(3);
    const counts = [0, 0, 0, 0];
    for (let epoch = 1; epoch <= 20; epoch++) {
      const idx = order.indices(epoch, rng, { n, y: zeros([n]), batchSize: 10, losses });
      expect(idx).toHaveLength(n);
      for (const i of idx) counts[i % 4]++;
    }
    [2000, 4000, 6000, 8000].forEach((e, g) => expect(Math.abs(counts[g] - e)).toBeLessThan(4 * 65));
  });

  it('asks fit for the losses and refuses to run without them', () => {
    expect(emphasisOrder().needsLosses).toBe(true);
    expect(() => emphasisOrder().indices(1, createRng(0), { n: 3, y: zeros([3]), batchSize: 1 })).toThrow(
      'emphasisOrder: needs the loss of each of the 3 samples (ctx.losses), got none',
    );
  });
});
