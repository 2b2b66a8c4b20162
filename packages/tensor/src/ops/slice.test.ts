import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { slice } from './slice';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') });

describe('slice', () => {
  const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);

  it('takes the block at begin with the given size', () => {
    expect(slice(x, [1, 1], [2, 2]).toArray()).toEqual([[6, 7], [10, 11]]);
  });

  it('runs to the end for size −1 or a missing size, and keeps missing axes whole', () => {
    expect(slice(x, [1, 2]).toArray()).toEqual([[7, 8], [11, 12]]);
    expect(slice(x, [2]).toArray()).toEqual([[9, 10, 11, 12]]);
    expect(slice(x, [0, 1], [-1, 1]).toArray()).toEqual([[2], [6], [10]]);
  });

  it('counts a negative begin from the end', () => expect(slice(x, [-1, -2]).toArray()).toEqual([[11, 12]]));

  it('returns the tensor itself for the whole range, and an empty block for size 0', () => {
    expect(slice(x, [0, 0])).toBe(x);
    expect(slice(x, [1, 0], [0, 4]).shape).toEqual([0, 4]);
  });

  it.each<[number[], number[]]>([
    [[1, 0, 1], [1, 2, 2]],
    [[0, 1], [-1, 1]],
    [[0, 0, 3], [2, 3, 1]],
    [[1, 2, 0], [1, 1, 4]],
  ])('pads the gradient back around the block at %j of size %j', (begin, size) => {
    expectGradClose((p) => weighted(slice(p.x, begin, size)), cube());
  });

  it('refuses a block that does not fit, naming the axis', () => {
    expect(() => slice(x, [2, 0], [2, 4])).toThrow(new ShapeError('slice', 'begin [2,0] with size [2,4] does not fit in [3,4] (axis 0)'));
    expect(() => slice(x, [0, 5])).toThrow(new ShapeError('slice', 'begin [0,5] with size [3,-1] does not fit in [3,4] (axis 1)'));
  });

  it('refuses more entries than axes', () => {
    expect(() => slice(x, [0, 0, 0])).toThrow(new ShapeError('slice', 'begin [0,0,0] or size has more entries than the rank 2 of [3,4]'));
  });
});
