import { describe, expect, it } from 'vitest';
import { ValueError, arange, reshape, tensor } from '@nn/tensor';
import { dataset } from '../dataset';
import { batchesInOrder } from './batch-order';

describe('batchesInOrder', () => {
  const ds = dataset(reshape(arange(5), [5, 1]), tensor([0, 1, 0, 1, 0], [5], 'int32'));

  it('cuts the given indices into batches, repeats allowed', () => {
    const got = [...batchesInOrder(ds, Int32Array.from([4, 4, 0, 2, 1]), { size: 2 })];
    expect(got.map((b) => Array.from(b.x.dataSync()))).toEqual([[4, 4], [0, 2], [1]]);
    expect(got.map((b) => Array.from(b.y.dataSync()))).toEqual([[0, 0], [0, 0], [1]]);
    expect(got.map((b) => [b.index, b.count])).toEqual([[0, 3], [1, 3], [2, 3]]);
  });

  it('refuses indices out of range and bad sizes', () => {
    expect(() => batchesInOrder(ds, Int32Array.from([5]), { size: 1 })).toThrow(ValueError);
    expect(() => batchesInOrder(ds, Int32Array.from([5]), { size: 1 })).toThrow('batchesInOrder: index 5 at position 0 is out of range: the dataset has 5 samples');
    expect(() => batchesInOrder(ds, Int32Array.from([1]), { size: 0 })).toThrow('batchesInOrder: batch size must be a positive integer, got 0');
  });
});
