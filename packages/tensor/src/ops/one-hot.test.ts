import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError } from '../errors';
import { tensor } from './creation';
import { oneHot } from './one-hot';

describe('oneHot', () => {
  it('picks rows of the identity', () => {
    expect(oneHot([0, 2, 1], 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('adds the class axis after the labels’ shape', () => {
    const y = oneHot(tensor([[1], [0]], undefined, 'int32'), 2);
    expect(y.shape).toEqual([2, 1, 2]);
    expect(y.toArray()).toEqual([[[0, 1]], [[1, 0]]]);
  });

  it('defaults to float32 and takes a dtype', () => {
    expect(oneHot([0], 2).dtype).toBe('float32');
    expect(oneHot([0], 2, 'float64').dtype).toBe('float64');
  });

  it('refuses a label out of range, naming it', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(new ValueError('oneHot', 'label 3 at position 1 is out of range [0, 3)'));
    expect(() => oneHot([-1], 3)).toThrow(new ValueError('oneHot', 'label -1 at position 0 is out of range [0, 3)'));
  });

  it('refuses fractional labels, float label tensors and a bad depth', () => {
    expect(() => oneHot([0.5], 3)).toThrow(new ValueError('oneHot', 'label 0.5 at position 0 is not an integer'));
    expect(() => oneHot(tensor([1]), 3)).toThrow(new DTypeError('oneHot', "expected int32 indices, got float32; convert with cast(x, 'int32')"));
    expect(() => oneHot([0], 0)).toThrow(new ValueError('oneHot', 'depth must be a positive integer, got 0'));
  });
});
