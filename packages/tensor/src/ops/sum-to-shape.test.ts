import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { sumToShape } from './sum-to-shape';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('sumToShape', () => {
  const g = tensor([[1, 2, 3], [4, 5, 6]]);

  it('sums over the axes that broadcasting added or stretched', () => {
    expect(sumToShape(g, [3]).toArray()).toEqual([5, 7, 9]);
    expect(sumToShape(g, [2, 1]).toArray()).toEqual([[6], [15]]);
    expect(sumToShape(g, [1, 3]).toArray()).toEqual([[5, 7, 9]]);
    expect(sumToShape(g, []).toArray()).toBe(21);
  });

  it('returns the tensor itself for its own shape', () => expect(sumToShape(g, [2, 3])).toBe(g));

  it('is differentiable', () => {
    expectGradClose((p) => weighted(sumToShape(p.x, [3, 1])), { x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') });
  });

  it('refuses a target of higher rank', () => {
    expect(() => sumToShape(tensor([1]), [1, 1])).toThrow(new ShapeError('sumToShape', 'cannot sum [1] to the larger [1,1]'));
  });
});
