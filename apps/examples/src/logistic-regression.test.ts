import { describe, expect, it } from 'vitest';
import { logisticRegression } from './logistic-regression';

describe('logisticRegression', () => {
  it('classifies held-out blobs about as well as the Bayes rule', async () => {
    const r = await logisticRegression({ perClass: 200, epochs: 20, seed: 1 });
    expect([r.trainSamples, r.testSamples]).toEqual([300, 100]);
    // The Bayes error of these blobs is Φ(−√2) ≈ 7.9%; 100 test samples leave a standard error of ~3%.
    expect(r.testAccuracy).toBeGreaterThan(0.85);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(r.bayesTestAccuracy - 0.04);
    expect(r.trainAccuracy).toBeGreaterThan(0.85);
  });

  it('learns log-odds close to the true 2·x₁ + 2·x₂', async () => {
    const { weights: [w1, w2], bias } = await logisticRegression({ perClass: 200, epochs: 20, seed: 2 });
    expect((w1 + w2) / (Math.SQRT2 * Math.hypot(w1, w2))).toBeGreaterThan(0.98); // the direction (1, 1)/√2
    expect(Math.hypot(w1, w2)).toBeGreaterThan(2 * Math.SQRT2 * 0.7);
    expect(Math.hypot(w1, w2)).toBeLessThan(2 * Math.SQRT2 * 1.3);
    expect(Math.abs(bias)).toBeLessThan(0.5);
  });
});
