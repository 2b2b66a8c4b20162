import { describe, expect, it } from 'vitest';
import { type Layer, type Tensor, ShapeError, ValueError, add, arange, createRng, mean, mul, reshape, tensor, zeros } from '@nn/tensor';
import { type BaggingData, bagging } from './bagging';

/** A model that predicts one constant, and a "training" that sets it to the sample's mean target. */
const constant = (): Layer<{ c: Tensor }> => {
  const params = { c: zeros([1]) };
  return { kind: 'constant', config: {}, params, forward: (x) => add(mul(x, 0), params.c) };
};
const fitMean = (m: Layer, { y }: BaggingData) => {
  (m.params as { c: Tensor }).c = reshape(mean(y), [1]);
};

describe('bagging', () => {
  const n = 2000;
  // Row i holds x = i and y = 2i, so a sample's rows can be told apart and checked for consistency.
  const data = { x: reshape(arange(n), [n, 1]), y: reshape(mul(arange(n), 2), [n, 1]) };

  it('trains each member on N rows drawn with replacement, about 63 % of them distinct, different per member', async () => {
    const seen: number[][] = [];
    await bagging(constant, data, {
      models: 3, rng: createRng(7), combine: 'mean',
      train: (m, sample, i) => {
        expect(i).toBe(seen.length);
        const xs = Array.from(sample.x.dataSync());
        const ys = Array.from(sample.y.dataSync());
        expect(ys).toEqual(xs.map((v) => 2 * v)); // x and y rows stay paired
        seen.push(xs);
        fitMean(m, sample);
      },
    });
    expect(seen).toHaveLength(3);
    for (const rows of seen) {
      expect(rows).toHaveLength(n);
      // P(a row is drawn) = 1 − (1 − 1/N)^N ≈ 1 − 1/e = 0.632; the count's sd is about √(N·0.632·0.368)/N ≈ 0.011.
      expect(new Set(rows).size / n).toBeGreaterThan(0.6);
      expect(new Set(rows).size / n).toBeLessThan(0.665);
    }
    expect(seen[0]).not.toEqual(seen[1]);
  });

  it('returns the ensemble of the trained members, and repeats exactly with the same seed', async () => {
    const means: number[] = [];
    const train = (m: Layer, sample: BaggingData) => {
      fitMean(m, sample);
      means.push((m.params as { c: Tensor }).c.item());
    };
    const bagged = await bagging(constant, data, { models: 4, rng: createRng(3), combine: 'mean', train });
    expect(bagged.kind).toBe('ensemble');
    expect(bagged.members).toHaveLength(4);
    // the ensemble predicts the mean of the four bootstrap means; each is near the full mean 1999
    const average = means.reduce((a, b) => a + b, 0) / 4;
    expect(bagged.forward(tensor([[5]])).item()).toBeCloseTo(average, 2);
    for (const m of means) expect(Math.abs(m - 1999)).toBeLessThan(100); // sd of a bootstrap mean ≈ 1155/√2000 ≈ 26
    const again: number[] = [];
    await bagging(constant, data, { models: 4, rng: createRng(3), combine: 'mean', train: (m, s) => {
      fitMean(m, s);
      again.push((m.params as { c: Tensor }).c.item());
    } });
    expect(again).toEqual(means);
  });

  it('hands makeModel the member index and its own generator', async () => {
    const calls: number[] = [];
    await bagging((i, rng) => {
      calls.push(i);
      expect(typeof rng.normal()).toBe('number');
      return constant();
    }, data, { models: 2, rng: createRng(1), train: fitMean });
    expect(calls).toEqual([0, 1]);
  });

  it('takes another resampling scheme', async () => {
    const sizes: number[] = [];
    await bagging(constant, data, {
      models: 2, rng: createRng(1), combine: 'mean', resample: (count) => [0, 1, count - 1],
      train: (m, s) => {
        sizes.push(s.x.shape[0]);
        expect(Array.from(s.x.dataSync())).toEqual([0, 1, n - 1]);
        fitMean(m, s);
      },
    });
    expect(sizes).toEqual([3, 3]);
  });

  it('refuses a bad member count, mismatched data and a missing train function', async () => {
    const rng = createRng(0);
    await expect(bagging(constant, data, { models: 0, rng, train: fitMean })).rejects.toThrow('bagging: models must be a positive integer, got 0');
    await expect(bagging(constant, data, { models: 2.5, rng, train: fitMean })).rejects.toThrow(ValueError);
    await expect(bagging(constant, { x: zeros([3, 1]), y: zeros([2, 1]) }, { models: 1, rng, train: fitMean })).rejects.toThrow(ShapeError);
    await expect(bagging(constant, data, { models: 1, rng } as never)).rejects.toThrow('bagging: train must be a function');
  });
});
