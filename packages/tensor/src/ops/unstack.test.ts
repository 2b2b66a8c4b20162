import { describe, expect, it } from 'vitest';
import { valueAndGrad } from '../autodiff/grad';
import { NnError, ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { add, mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { stack } from './stack';
import { tanh } from './unary';
import { unstack } from './unstack';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1 + salt)), so each piece's gradient differs. */
function weighted(y: Tensor, salt: number): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1 + salt));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

/** Every piece enters the loss through its own weights and a tanh, so a misplaced piece or gradient shows. */
const lossOfPieces = (pieces: readonly Tensor[]) => pieces.map((p, i) => weighted(tanh(p), 7 * i)).reduce((s, t) => add(s, t));

const block = (shape: number[]) => tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.cos(i) / 2), shape, 'float64');

describe('unstack', () => {
  const x = tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]); // [2, 3, 2]

  it('takes the pieces along the axis, that axis removed', () => {
    expect(unstack(x).map((t) => t.toArray())).toEqual([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect(unstack(x, 1).map((t) => t.toArray())).toEqual([[[1, 2], [7, 8]], [[3, 4], [9, 10]], [[5, 6], [11, 12]]]);
    expect(unstack(x, -1).map((t) => t.toArray())).toEqual([[[1, 3, 5], [7, 9, 11]], [[2, 4, 6], [8, 10, 12]]]);
    expect(unstack(tensor([4, 5, 6])).map((t) => t.item())).toEqual([4, 5, 6]);
  });

  it('is undone by stack along the same axis', () => {
    for (const axis of [0, 1, 2]) expect(stack(unstack(x, axis), axis).toArray()).toEqual(x.toArray());
  });

  it('gives no pieces along an empty axis', () => expect(unstack(tensor([], [2, 0, 3]), 1)).toEqual([]));

  it.each([1, 2, 3, 5, 7, 8])('cuts a traced tensor of %i pieces by halving, with the same values and the gradient of each piece in its place', (k) => {
    const p = { x: block([2, k, 3]) };
    const plain = unstack(p.x, 1).map((t) => t.toArray());
    let traced: unknown[] = [];
    valueAndGrad(({ x: v }) => {
      const pieces = unstack(v, 1);
      traced = pieces.map((t) => t.toArray());
      return lossOfPieces(pieces);
    }, p);
    expect(traced).toEqual(plain);
    expectGradClose(({ x: v }) => lossOfPieces(unstack(v, 1)), p);
  });

  it('passes the gradient check along the first and the last axis', () => {
    expectGradClose(({ x: v }) => lossOfPieces(unstack(v, 0)), { x: block([6, 2, 2]) });
    expectGradClose(({ x: v }) => lossOfPieces(unstack(v, -1)), { x: block([2, 3, 5]) });
  });

  it('refuses a scalar, an axis out of range and a non-tensor', () => {
    expect(() => unstack(tensor(3))).toThrow(new ShapeError('unstack', 'expected a tensor of rank ≥ 1, got a scalar'));
    expect(() => unstack(x, 3)).toThrow(new ShapeError('unstack', 'axis 3 is out of range for a tensor of rank 3'));
    expect(() => unstack([1, 2] as never)).toThrow(new NnError('unstack', 'expected a Tensor as input, got an array; wrap values with tensor()'));
  });
});
