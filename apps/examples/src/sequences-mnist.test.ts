import { describe, expect, it } from 'vitest';
import { ROW_MNIST_QUICK, rowMnist } from './sequences-mnist';

describe('rowMnist (quick)', () => {
  it('reads each digit as 28 rows of 28 pixels and learns well above chance in 3 epochs of 300 digits, keeping its best validation epoch', async () => {
    const r = await rowMnist(ROW_MNIST_QUICK);
    expect(r.history.epochs.length).toBeGreaterThanOrEqual(1);
    expect(r.history.epochs.length).toBeLessThanOrEqual(3);
    expect(r.testSamples).toBe(300);
    expect(r.testErrors).toBe(Math.round((1 - r.testAccuracy) * 300));
    // the kept epoch is the one with the best validation accuracy on the 100 held-out digits
    const val = r.history.epochs.map((e) => e.valMetrics!.accuracy);
    expect(r.validationAccuracy).toBe(Math.max(...val));
    expect(r.bestEpoch).toBe(val.indexOf(r.validationAccuracy) + 1);
    // chance is 10%; seed 1 gives about 39% (validation 34, 41, 57% after epochs 1–3)
    expect(r.testAccuracy).toBeGreaterThan(0.25);
  });
});
