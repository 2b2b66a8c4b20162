import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError, ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { greater, mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { where } from './where';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

describe('where', () => {
  it('picks a where the condition is non-zero, else b', () => {
    expect(where(tensor([1, 0, -2]), tensor([1, 2, 3]), tensor([10, 20, 30]))).toBeAllClose([1, 20, 3]);
  });

  it('broadcasts all three operands', () => {
    // condition [2,1] picks a whole row of a [1,3] or of the scalar b
    const y = where(tensor([[1], [0]]), tensor([[1, 2, 3]]), 9);
    expect(y.shape).toEqual([2, 3]);
    expect(y.toArray()).toEqual([[1, 2, 3], [9, 9, 9]]);
  });

  it('takes its dtype from the branches, not the condition', () => {
    const y = where(tensor([1, 0], [2], 'int32'), tensor([1, 2], [2], 'float64'), 0);
    expect(y.dtype).toBe('float64');
  });

  it('sends the gradient to the chosen branch only', () => {
    const cond = tensor([[1, 0, 1], [0, 0, 1]], undefined, 'float64');
    expectGradClose((p) => weighted(where(cond, p.a, p.b)), {
      a: tensor([[0.1, -0.7, 1.3], [2.2, 0.5, -1.1]], undefined, 'float64'),
      b: tensor([0.4, 1.9, -0.6], [3], 'float64'),
    });
    const g = grad((p) => sum(where(cond, p.a, p.b)), { a: tensor([[1, 1, 1], [1, 1, 1]]), b: tensor(2) });
    expect(g.a).toBeAllClose([[1, 0, 1], [0, 0, 1]]);
    expect(g.b).toBeAllClose(3); // three positions fall through to the broadcast scalar
  });

  it('works as a differentiable mask built from a comparison', () => {
    const x = tensor([-1.2, 0.3, 2.5, -0.4], [4], 'float64');
    expectGradClose((p) => weighted(where(greater(p.x, 0), p.x, mul(p.x, 0.1))), { x });
  });

  it('refuses branches of different dtypes', () => {
    expect(() => where(tensor([1]), tensor([1]), tensor([1], [1], 'float64'))).toThrow(
      new DTypeError('where', 'dtypes differ: float32 and float64; cast one explicitly with cast()'),
    );
  });

  it('refuses shapes that do not broadcast, naming all three', () => {
    expect(() => where(tensor([1, 0]), tensor([1, 2, 3]), 0)).toThrow(
      new ShapeError('where', 'shapes cannot be broadcast together: [2] and [3] and []'),
    );
  });
});
