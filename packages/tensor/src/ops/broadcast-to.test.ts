import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { broadcastTo } from './broadcast-to';
import { tensor } from './creation';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('broadcastTo', () => {
  it('repeats length-1 and missing leading axes', () => {
    expect(broadcastTo(tensor([[1], [2]]), [2, 3]).toArray()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(broadcastTo(tensor([1, 2]), [2, 2]).toArray()).toEqual([[1, 2], [1, 2]]);
    expect(broadcastTo(tensor(7), [2]).toArray()).toEqual([7, 7]);
  });

  it('returns the tensor itself when the shape already fits', () => {
    const x = tensor([1, 2]);
    expect(broadcastTo(x, [2])).toBe(x);
  });

  it.each<[number[], number[]]>([
    [[3, 1], [2, 3, 4]],
    [[4], [2, 3, 4]],
    [[], [2, 3]],
    [[1, 3, 1], [2, 3, 4]],
  ])('sums the gradient back from %j to %j', (from, to) => {
    const size = from.reduce((a, b) => a * b, 1);
    expectGradClose((p) => weighted(broadcastTo(p.x, to)), { x: tensor(Array.from({ length: size }, (_, i) => Math.cos(i)), from, 'float64') });
  });

  it('refuses incompatible shapes, naming both', () => {
    expect(() => broadcastTo(tensor([1, 2, 3]), [2, 4])).toThrow(new ShapeError('broadcastTo', 'shapes cannot be broadcast together: [3] and [2,4]'));
    expect(() => broadcastTo(tensor([1, 2, 3]), [1])).toThrow(new ShapeError('broadcastTo', 'cannot broadcast [3] to [1]'));
    expect(() => broadcastTo(tensor([[1, 2]]), [2])).toThrow(new ShapeError('broadcastTo', 'cannot broadcast [1,2] to [2]'));
  });
});
