import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { pad } from './pad';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('pad', () => {
  const x = tensor([[1, 2], [3, 4]]);

  it('surrounds with zeros', () => {
    expect(pad(x, [[1, 0], [0, 2]]).toArray()).toEqual([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]);
  });

  it('fills with a given value and leaves missing axes alone', () => {
    expect(pad(x, [[0, 1]], -1).toArray()).toEqual([[1, 2], [3, 4], [-1, -1]]);
    expect(pad(tensor([1]), [[1, 1]], 9).toArray()).toEqual([9, 1, 9]);
  });

  it('returns the tensor itself without padding', () => expect(pad(x, [[0, 0]])).toBe(x));

  it('slices the gradient back out', () => {
    const p = { x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') };
    expectGradClose((q) => weighted(pad(q.x, [[1, 0], [0, 2], [1, 1]], 0.5)), p);
    expectGradClose((q) => weighted(pad(q.x, [[0, 0], [2, 1]])), p);
  });

  it('refuses negative or malformed paddings and too many axes', () => {
    const message = (got: string) => new ShapeError('pad', `expected up to 2 pairs of non-negative integers for [2,2], got ${got}`);
    expect(() => pad(x, [[-1, 0]])).toThrow(message('[[-1,0]]'));
    expect(() => pad(x, [[1] as never])).toThrow(message('[[1]]'));
    expect(() => pad(x, [[0, 0], [0, 0], [1, 1]])).toThrow(message('[[0,0],[0,0],[1,1]]'));
  });
});
