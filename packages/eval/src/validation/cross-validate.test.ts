import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { crossValidate, estimate } from './cross-validate';

const y = [1, 2, 3, 4, 5, 6];
const folds = [
  { train: Int32Array.of(2, 3, 4, 5), test: Int32Array.of(0, 1) },
  { train: Int32Array.of(0, 1, 4, 5), test: Int32Array.of(2, 3) },
  { train: Int32Array.of(0, 1, 2, 3), test: Int32Array.of(4, 5) },
];
/** The "model" predicts the mean of its training targets; the score is the squared error. */
const fit = (train: Int32Array) => train.reduce((s, i) => s + y[i], 0) / train.length;
const score = (mean: number, idx: Int32Array) => idx.reduce((s, i) => s + (y[i] - mean) ** 2, 0) / idx.length;

describe('crossValidate', () => {
  it('fits on each training fold and scores on its held-out fold', async () => {
    const r = await crossValidate({ folds, fit, score });
    // fold 0: mean 4.5 → ((1−4.5)² + (2−4.5)²)/2 = 9.25; fold 1: mean 3.5 → 0.25; fold 2: mean 2.5 → 9.25
    expect(r.scores).toEqual([9.25, 0.25, 9.25]);
    expect(r.mean).toBe(6.25);
    // deviations 3, −6, 3 → s² = 54/2 = 27; standard error √27/√3 = 3
    expect(r.std).toBeCloseTo(Math.sqrt(27), 12);
    expect(r.standardError).toBeCloseTo(3, 12);
  });

  it('scores the training folds too when asked', async () => {
    const r = await crossValidate({ folds, fit, score, trainScore: true });
    // fold 0 trains on 3 4 5 6 (mean 4.5): (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25;
    // fold 1 on 1 2 5 6 (mean 3.5): (6.25 + 2.25 + 2.25 + 6.25)/4 = 4.25; fold 2 like fold 0
    expect(r.train?.scores).toEqual([1.25, 4.25, 1.25]);
  });

  it('hands fit only the training indices, as copies, and awaits async functions', async () => {
    const seen: number[][] = [];
    await crossValidate({
      folds,
      fit: async (train) => {
        seen.push([...train]);
        train.fill(-1); // a careless caller cannot damage the folds
        return 0;
      },
      score: async () => 1,
    });
    expect(seen).toEqual(folds.map((f) => [...f.train]));
    expect([...folds[0].train]).toEqual([2, 3, 4, 5]);
  });

  it('takes bootstrap samples (outOfBag as the held-out set)', async () => {
    const r = await crossValidate({ folds: [{ train: [0, 0, 1, 2], outOfBag: [3, 4, 5] }], fit, score });
    // mean of y[0], y[0], y[1], y[2] = 1.75; held out 4 5 6 → (5.0625 + 10.5625 + 18.0625)/3
    expect(r.scores[0]).toBeCloseTo((2.25 ** 2 + 3.25 ** 2 + 4.25 ** 2) / 3, 12);
    expect(r.std).toBe(0);
  });

  it('refuses no folds, empty folds and NaN scores', async () => {
    await expect(crossValidate({ folds: [], fit, score })).rejects.toThrow(new ValueError('crossValidate', 'expected at least one fold, got none'));
    await expect(crossValidate({ folds: [{ train: [0], test: [] }], fit, score })).rejects.toThrow(
      new ValueError('crossValidate', 'fold 0 has 1 training and 0 test samples; both must be non-empty'),
    );
    await expect(crossValidate({ folds, fit, score: () => NaN })).rejects.toThrow(
      new ValueError('crossValidate', 'score on the test indices of fold 0 is NaN, expected a number'),
    );
  });
});

describe('estimate', () => {
  it('is the mean, the sample std and std/√k', () => {
    // 2 4 4 4 5 5 7 9: mean 5, Σ(x − 5)² = 32, s = √(32/7)
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(e.mean).toBe(5);
    expect(e.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(32 / 7) / Math.sqrt(8), 12);
  });
});
