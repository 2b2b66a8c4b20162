import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { stack } from './stack';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const values = (seed: number) => tensor(Array.from({ length: 6 }, (_, i) => Math.sin(seed + 1.3 * i)), [2, 3], 'float64');

describe('stack', () => {
  const a = tensor([1, 2]);
  const b = tensor([3, 4]);

  it('joins along a new leading axis by default', () => expect(stack([a, b]).toArray()).toEqual([[1, 2], [3, 4]]));
  it('joins along a new last axis', () => expect(stack([a, b], -1).toArray()).toEqual([[1, 3], [2, 4]]));
  it('stacks scalars into a vector', () => expect(stack([tensor(1), tensor(2)]).toArray()).toEqual([1, 2]));

  it.each([0, 1, 2])('splits the gradient back along new axis %i', (axis) => {
    expectGradClose((p) => weighted(stack(p.xs, axis)), { xs: [values(0), values(1), values(2)] });
  });

  it('refuses tensors of different shapes and an empty list', () => {
    expect(() => stack([a, tensor([1, 2, 3])])).toThrow(new ShapeError('stack', 'shapes differ: [2], [3]'));
    expect(() => stack([])).toThrow(new ShapeError('stack', 'expected a non-empty array of tensors'));
  });

  it('refuses an axis past the new rank', () => {
    expect(() => stack([a, b], 2)).toThrow(new ShapeError('stack', 'axis 2 is out of range for a tensor of rank 2'));
  });
});
