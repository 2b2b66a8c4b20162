import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError, ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { gather, take } from './gather';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') });

describe('gather', () => {
  const x = tensor([[1, 2], [3, 4], [5, 6]]);

  it('picks rows, repeats included', () => expect(gather(x, [2, 0, 2]).toArray()).toEqual([[5, 6], [1, 2], [5, 6]]));
  it('picks along a later axis', () => expect(gather(x, [1], 1).toArray()).toEqual([[2], [4], [6]]));
  it('replaces the axis by the shape of the indices', () => {
    const idx = tensor([[0, 1], [2, 2]], undefined, 'int32');
    expect(gather(tensor([10, 20, 30]), idx).toArray()).toEqual([[10, 20], [30, 30]]);
    expect(gather(x, idx, 0).shape).toEqual([2, 2, 2]);
  });
  it('accepts an Int32Array and an empty index list', () => {
    expect(gather(x, new Int32Array([1])).toArray()).toEqual([[3, 4]]);
    expect(gather(x, []).shape).toEqual([0, 2]);
  });

  it('gives a zero gradient of the full shape for no indices', () => {
    expect(grad((p) => sum(gather(p.x, [])), { x: tensor([[1, 2], [3, 4], [5, 6]]) }).x).toBeAllClose([[0, 0], [0, 0], [0, 0]]);
  });

  it('adds the gradient up at repeated indices', () => {
    expect(grad((p) => sum(gather(p.x, [0, 0, 2, 0])), { x: tensor([5, 6, 7]) }).x).toBeAllClose([3, 0, 1]);
  });

  it.each<[number, number[][]]>([
    [0, [[1, 1, 0]]],
    [1, [[2, 0], [2, 1]]],
    [2, [[3, 3, 0, 1, 3]]],
    [-1, [[0]]],
  ])('scatters the gradient back along axis %i', (axis, indices) => {
    expectGradClose((p) => weighted(gather(p.x, tensor(indices, undefined, 'int32'), axis)), cube());
  });

  it('refuses indices out of range, naming the entry', () => {
    expect(() => gather(x, [0, 3])).toThrow(new ValueError('gather', 'index 3 at position 1 is out of range [0, 3)'));
    expect(() => gather(x, [-1])).toThrow(new ValueError('gather', 'index -1 at position 0 is out of range [0, 3)'));
    expect(() => gather(x, [0, 2], 1)).toThrow(new ValueError('gather', 'index 2 at position 1 is out of range [0, 2)'));
    // the first offending entry, whichever way it is out
    expect(() => gather(x, [0, 2, 7, -4, 1])).toThrow(new ValueError('gather', 'index 7 at position 2 is out of range [0, 3)'));
    expect(() => gather(x, [1, -4, 7])).toThrow(new ValueError('gather', 'index -4 at position 1 is out of range [0, 3)'));
  });

  it('refuses fractional and float-typed indices', () => {
    expect(() => gather(x, [1.5])).toThrow(new ValueError('gather', 'index 1.5 at position 0 is not an integer'));
    expect(() => gather(x, tensor([1]))).toThrow(new DTypeError('gather', "expected int32 indices, got float32; convert with cast(x, 'int32')"));
  });
});

describe('take', () => {
  const x = tensor([[1, 2], [3, 4], [5, 6]]);

  it('indexes the flattened tensor without an axis', () => expect(take(x, [5, 0]).toArray()).toEqual([6, 1]));
  it('gathers along an axis when given one', () => expect(take(x, [1, 0], 1).toArray()).toEqual([[2, 1], [4, 3], [6, 5]]));
  it('scatters the gradient back into the original shape', () => {
    expectGradClose((p) => weighted(take(p.x, [23, 0, 5, 5])), cube());
  });
});

describe('gather index checks', () => {
  it('checks a reused index tensor against each new limit', () => {
    const idx = tensor([0, 2], [2], 'int32');
    expect(gather(tensor([1, 2, 3]), idx)).toBeAllClose([1, 3]);
    expect(gather(tensor([1, 2, 3, 4]), idx)).toBeAllClose([1, 3]);
    expect(() => gather(tensor([1, 2]), idx)).toThrow('gather: index 2 at position 1 is out of range [0, 2)');
  });
});
