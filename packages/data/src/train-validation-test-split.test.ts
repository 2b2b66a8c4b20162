import { describe, expect, it } from 'vitest';
import { arange, createRng, reshape, tensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { dataset } from './dataset';
import { largestRemainder } from './split-indices';
import { trainValidationTestSplit } from './train-validation-test-split';

const ids = (t: Tensor) => Array.from(t.dataSync());
const counts = (t: Tensor) => ids(t).reduce<Record<number, number>>((c, l) => ({ ...c, [l]: (c[l] ?? 0) + 1 }), {});
const labels = Array.from({ length: 100 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2)); // 60 / 30 / 10
const ds = dataset(reshape(arange(100), [100, 1]), tensor(labels, [100], 'int32'));

describe('trainValidationTestSplit', () => {
  it('cuts three disjoint parts of the asked sizes', () => {
    const { train, validation, test } = trainValidationTestSplit(ds, { validationFraction: 0.1, testFraction: 0.2, rng: createRng(5) });
    expect([train.x.shape[0], validation.x.shape[0], test.x.shape[0]]).toEqual([70, 10, 20]);
    expect([...ids(train.x), ...ids(validation.x), ...ids(test.x)].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
  });

  it('keeps class shares in all three parts when stratified', () => {
    const { train, validation, test } = trainValidationTestSplit(ds, { validationFraction: 0.1, testFraction: 0.2, rng: createRng(5), stratify: true });
    expect(counts(validation.y)).toEqual({ 0: 6, 1: 3, 2: 1 });
    expect(counts(test.y)).toEqual({ 0: 12, 1: 6, 2: 2 });
    expect(counts(train.y)).toEqual({ 0: 42, 1: 21, 2: 7 });
  });

  it('is ordered train, validation, test without shuffling', () => {
    const { train, validation, test } = trainValidationTestSplit(ds, { validationFraction: 0.1, testFraction: 0.1, shuffle: false });
    expect(ids(train.x)).toEqual(labels.slice(0, 80).map((_, i) => i));
    expect(ids(validation.x)).toEqual([80, 81, 82, 83, 84, 85, 86, 87, 88, 89]);
    expect(ids(test.x)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
  });

  it('refuses fractions that leave no training samples', () => {
    expect(() => trainValidationTestSplit(ds, { validationFraction: 0.5, testFraction: 0.5, rng: createRng(0) })).toThrow(
      'trainValidationTestSplit: validationFraction 0.5 (50 samples) and testFraction 0.5 (50 samples) of 100 samples leave none for training',
    );
  });
});

describe('largestRemainder', () => {
  it('floors the quotas, then gives the rest to the largest fractional parts', () => {
    expect(largestRemainder([5, 3, 2], [5, 3, 2], 3)).toEqual([1, 1, 1]); // quotas 1.5, 0.9, 0.6
    expect(largestRemainder([1, 1, 1], [1, 1, 1], 2)).toEqual([1, 1, 0]); // ties go to the earlier class
    expect(largestRemainder([4, 4], [1, 4], 4)).toEqual([1, 3]); // capped by what is available
  });
});
