import { describe, expect, it } from 'vitest';
import { loadMnist, mean, square } from '@nn/core';
import { centerPixels, mnistMlp, QUICK } from './mnist-mlp';

describe('centerPixels', () => {
  it('gives the training pixels mean 0 and standard deviation 1', async () => {
    const { train, test } = centerPixels(await loadMnist({ flatten: true, subset: { train: 200, test: 10 } }));
    expect(mean(train.x).item()).toBeCloseTo(0, 5);
    expect(mean(square(train.x)).item()).toBeCloseTo(1, 4);
    expect(test.x.shape).toEqual([10, 784]);
  });
});

describe('mnistMlp', () => {
  it('learns the digits in the quick variant', async () => {
    const r = await mnistMlp(QUICK);
    expect(r.testSamples).toBe(1000);
    expect(r.history.epochs).toHaveLength(2);
    expect(r.history.epochs[1].loss).toBeLessThan(r.history.epochs[0].loss);
    expect(1 - r.errorRate).toBeGreaterThan(0.85); // chance is 0.1; about 0.89 with the default seed
    const { matrix } = r.confusion;
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(1000);
    expect(1000 - matrix.reduce((sum, row, k) => sum + row[k], 0)).toBe(r.testErrors); // off the diagonal
  });
});
