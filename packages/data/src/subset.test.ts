import { describe, expect, it } from 'vitest';
import { ValueError, tensor } from '@nn/tensor';
import { dataset } from './dataset';
import { subset } from './subset';

const ds = dataset(tensor([[0, 0], [1, 10], [2, 20], [3, 30]]), tensor([0, 1, 2, 3], [4], 'int32'));

describe('subset', () => {
  it('takes the samples at the indices, in order, repeats allowed', () => {
    const s = subset(ds, [3, 1, 1]);
    expect(s.x.toArray()).toEqual([[3, 30], [1, 10], [1, 10]]);
    expect(s.y.toArray()).toEqual([3, 1, 1]);
    expect(s.y.dtype).toBe('int32');
    expect(subset(ds, new Int32Array([2])).y.toArray()).toEqual([2]);
    expect(subset(ds, tensor([0, 2], [2], 'int32')).y.toArray()).toEqual([0, 2]);
  });

  it('takes a contiguous range', () => {
    expect(subset(ds, { start: 1, end: 3 }).x.toArray()).toEqual([[1, 10], [2, 20]]);
    expect(subset(ds, { start: 2 }).y.toArray()).toEqual([2, 3]);
    expect(subset(ds, { end: 0 }).x.shape).toEqual([0, 2]);
    expect(subset(ds, {})).toBe(ds);
  });

  it('keeps extra fields of the dataset', () => {
    const named = { ...ds, classNames: ['a', 'b', 'c', 'd'] };
    expect(subset(named, [0]).classNames).toEqual(['a', 'b', 'c', 'd']);
  });

  it('names the bad index', () => {
    expect(() => subset(ds, [0, 4])).toThrow(ValueError);
    expect(() => subset(ds, [0, 4])).toThrow('subset: index 4 at position 1 is out of range: the dataset has 4 samples');
    expect(() => subset(ds, [0.5])).toThrow('subset: index 0.5 at position 0 is not an integer');
    expect(() => subset(ds, { start: 3, end: 2 })).toThrow('subset: expected 0 ≤ start ≤ end ≤ 4 (the sample count), got start 3, end 2');
    expect(() => subset(ds, tensor([0]))).toThrow('subset: expected sample indices as a rank-1 int32 tensor, got float32 of rank 1');
  });
});
