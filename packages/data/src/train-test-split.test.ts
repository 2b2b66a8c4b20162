import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, arange, createRng, reshape, tensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { type Dataset, dataset } from './dataset';
import { trainTestSplit } from './train-test-split';

/** x holds each sample's own index, so a part's x tells which samples it took. */
function indexed(labels: number[]): Dataset {
  return dataset(reshape(arange(labels.length), [labels.length, 1]), tensor(labels, [labels.length], 'int32'));
}
const ids = (t: Tensor) => Array.from(t.dataSync());
const counts = (t: Tensor) => ids(t).reduce<Record<number, number>>((c, l) => ({ ...c, [l]: (c[l] ?? 0) + 1 }), {});

// 100 samples: 60 of class 0, 30 of class 1, 10 of class 2, interleaved
const labels = Array.from({ length: 100 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2));

describe('trainTestSplit', () => {
  it('holds out round(testFraction·N) samples; the parts cover the data once', () => {
    const { train, test } = trainTestSplit(indexed(labels), { testFraction: 0.25, rng: createRng(1) });
    expect(test.x.shape).toEqual([25, 1]);
    expect(train.x.shape).toEqual([75, 1]);
    expect([...ids(train.x), ...ids(test.x)].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    // y follows x
    ids(test.x).forEach((i, k) => expect(test.y.dataSync()[k]).toBe(labels[i]));
  });

  it('is reproducible with a seeded rng', () => {
    const a = trainTestSplit(indexed(labels), { testFraction: 0.2, rng: createRng(7) });
    const b = trainTestSplit(indexed(labels), { testFraction: 0.2, rng: createRng(7) });
    const c = trainTestSplit(indexed(labels), { testFraction: 0.2, rng: createRng(8) });
    expect(ids(a.test.x)).toEqual(ids(b.test.x));
    expect(ids(a.test.x)).not.toEqual(ids(c.test.x));
  });

  it('without shuffling, tests on the last samples', () => {
    const { train, test } = trainTestSplit(indexed([0, 1, 0, 1, 0]), { testFraction: 0.4, shuffle: false });
    expect(ids(train.x)).toEqual([0, 1, 2]);
    expect(ids(test.x)).toEqual([3, 4]);
  });

  it('keeps each class’s share when stratified', () => {
    const { train, test } = trainTestSplit(indexed(labels), { testFraction: 0.2, rng: createRng(3), stratify: true });
    expect(counts(test.y)).toEqual({ 0: 12, 1: 6, 2: 2 });
    expect(counts(train.y)).toEqual({ 0: 48, 1: 24, 2: 8 });
  });

  it('rounds stratified shares by largest remainders, the total staying exact', () => {
    // classes of 5, 3, 2; 3 test samples: quotas 1.5, 0.9, 0.6 → floors 1, 0, 0, then +1 to 0.9 and 0.6
    const ds = indexed([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const { test } = trainTestSplit(ds, { testFraction: 0.3, rng: createRng(0), stratify: true });
    expect(counts(test.y)).toEqual({ 0: 1, 1: 1, 2: 1 });
    // unshuffled: the last samples of each class, in data order
    const plain = trainTestSplit(ds, { testFraction: 0.3, shuffle: false, stratify: true });
    expect(ids(plain.test.x)).toEqual([4, 7, 9]);
    expect(ids(plain.train.x)).toEqual([0, 1, 2, 3, 5, 6, 8]);
  });

  it('keeps extra fields such as class names', () => {
    const named = { ...indexed([0, 1, 0, 1]), classNames: ['cat', 'dog'] };
    expect(trainTestSplit(named, { testFraction: 0.5, rng: createRng(0) }).test.classNames).toEqual(['cat', 'dog']);
  });

  it('refuses bad fractions, a missing rng and float labels to stratify', () => {
    const ds = indexed(labels);
    expect(() => trainTestSplit(ds, { testFraction: 1, rng: createRng(0) })).toThrow(ValueError);
    expect(() => trainTestSplit(ds, { testFraction: 1, rng: createRng(0) })).toThrow('trainTestSplit: testFraction must be a fraction in [0, 1), got 1');
    expect(() => trainTestSplit(indexed([0]), { testFraction: 0.5, rng: createRng(0) })).toThrow(
      'trainTestSplit: testFraction 0.5 (1 sample) of 1 sample leave none for training',
    );
    expect(() => trainTestSplit(ds, { testFraction: 0.2 } as never)).toThrow('trainTestSplit: shuffling needs an rng: pass { rng: createRng(seed) }, or { shuffle: false }');
    const regression = dataset(tensor([[1], [2]]), tensor([0.5, 1.5]));
    expect(() => trainTestSplit(regression, { testFraction: 0.5, rng: createRng(0), stratify: true })).toThrow(DTypeError);
    expect(() => trainTestSplit(regression, { testFraction: 0.5, rng: createRng(0), stratify: true })).toThrow(
      'trainTestSplit: stratify needs int32 class labels y of shape [N], got float32 of shape [2]',
    );
  });
});
