import { describe, expect, it } from 'vitest';
import { softmaxRegressionBlobs, softmaxRegressionMnist } from './softmax-regression';

describe('softmaxRegressionBlobs', () => {
  it('separates three blobs about as well as the Bayes rule', async () => {
    const r = await softmaxRegressionBlobs({ perClass: 100, epochs: 10, seed: 1 });
    expect([r.trainSamples, r.testSamples]).toEqual([225, 75]);
    expect(r.testAccuracy).toBeGreaterThan(0.85);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(r.bayesTestAccuracy - 0.05);
  });
});

describe('softmaxRegressionMnist', () => {
  it('learns digits from a small subset of MNIST', async () => {
    const r = await softmaxRegressionMnist({ train: 2000, test: 500, epochs: 2, seed: 1 });
    expect([r.trainSamples, r.testSamples]).toEqual([2000, 500]);
    expect(r.testAccuracy).toBeGreaterThan(0.8); // chance is 0.1; the full set gives about 0.92
    expect(r.testErrors).toBe(Math.round(500 * (1 - r.testAccuracy)));
  });
});
