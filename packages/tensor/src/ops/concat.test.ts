import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { concat } from './concat';
import { tensor } from './creation';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const values = (shape: number[], seed: number) =>
  tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + 1.3 * i)), shape, 'float64');

describe('concat', () => {
  const a = tensor([[1, 2], [3, 4]]);
  const b = tensor([[5, 6]]);

  it('joins along axis 0 by default', () => expect(concat([a, b]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]));

  it('joins along a later or negative axis', () => {
    expect(concat([a, tensor([[9], [8]]), a], 1).toArray()).toEqual([[1, 2, 9, 1, 2], [3, 4, 8, 3, 4]]);
    expect(concat([a, tensor([[9], [8]])], -1).shape).toEqual([2, 3]);
  });

  it('joins 1-D tensors, including empty ones', () => expect(concat([tensor([1]), tensor([]), tensor([2, 3])]).toArray()).toEqual([1, 2, 3]));

  it('returns a lone tensor itself', () => expect(concat([a])).toBe(a));

  it.each<[number, number[], number[], number[]]>([
    [0, [1, 3, 4], [2, 3, 4], [3, 3, 4]],
    [1, [2, 1, 4], [2, 3, 4], [2, 2, 4]],
    [2, [2, 3, 1], [2, 3, 4], [2, 3, 2]],
    [-1, [2, 3, 2], [2, 3, 1], [2, 3, 3]],
  ])('splits the gradient back among three inputs along axis %i', (axis, s0, s1, s2) => {
    expectGradClose((p) => weighted(concat(p.xs, axis)), { xs: [values(s0, 0), values(s1, 1), values(s2, 2)] });
  });

  it('refuses shapes that differ outside the axis', () => {
    expect(() => concat([a, tensor([[1, 2, 3]])])).toThrow(new ShapeError('concat', 'shapes differ outside axis 0: [2,2], [1,3]'));
    expect(() => concat([a, tensor([1, 2])])).toThrow(new ShapeError('concat', 'shapes differ outside axis 0: [2,2], [2]'));
  });

  it('refuses an empty list, mixed dtypes and a bad axis', () => {
    expect(() => concat([])).toThrow(new ShapeError('concat', 'expected a non-empty array of tensors'));
    expect(() => concat([a, tensor([[1, 2]], undefined, 'float64')])).toThrow(
      new DTypeError('concat', 'dtypes differ: float32 and float64; cast one explicitly with cast()'),
    );
    expect(() => concat([a, a], 2)).toThrow(new ShapeError('concat', 'axis 2 is out of range for a tensor of rank 2'));
  });
});
