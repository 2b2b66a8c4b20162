import { describe, expect, it } from 'vitest';
import { NnError, ShapeError, ValueError, tensor, zeros } from '@nn/tensor';
import { dataset, numSamples } from './dataset';

describe('dataset', () => {
  it('pairs x and y without copying them', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]]);
    const y = tensor([0, 1, 0], [3], 'int32');
    const ds = dataset(x, y);
    expect(ds.x).toBe(x);
    expect(ds.y).toBe(y);
    expect(numSamples(ds)).toBe(3);
    expect(Object.isFrozen(ds)).toBe(true);
  });

  it('refuses different sample counts', () => {
    expect(() => dataset(zeros([100, 2]), zeros([99]))).toThrow(ShapeError);
    expect(() => dataset(zeros([100, 2]), zeros([99]))).toThrow('dataset: x has 100 samples but y has 99');
  });

  it('refuses scalars and non-tensors', () => {
    expect(() => dataset(tensor(1), zeros([1]))).toThrow('dataset: x needs a first axis of samples, got a scalar');
    expect(() => dataset(zeros([1]), [1] as never)).toThrow(NnError);
    expect(() => dataset(zeros([1]), [1] as never)).toThrow('expected a Tensor as y, got an array');
  });

  it('names the sample that holds NaN or Infinity', () => {
    const x = tensor([[0, 1, 2], [3, 4, 5], [6, NaN, 8]]);
    expect(() => dataset(x, zeros([3]))).toThrow(ValueError);
    expect(() => dataset(x, zeros([3]))).toThrow('dataset: x has NaN at sample 2 (element 1 of that sample)');
    expect(() => dataset(zeros([2, 1]), tensor([0, -Infinity], [2], 'float64'))).toThrow('dataset: y has -Infinity at sample 1;');
  });

  it('accepts empty datasets and int32 inputs', () => {
    expect(numSamples(dataset(zeros([0, 4]), zeros([0], 'int32')))).toBe(0);
    expect(dataset(tensor([[1], [2]], [2, 1], 'int32'), zeros([2])).x.dtype).toBe('int32');
  });
});
