import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { createRng } from '../random';
import { tensor } from './creation';
import { gather } from './gather';
import { gatherArgmax } from './gather-argmax';
import { argmax, sum } from './reduce';
import { reshape } from './reshape';

/** r·P + windows[l, argmax(gather(x, windows, 1), -1)[r, l]]: the composition gatherArgmax must equal. */
function composed(x: number[][], windows: number[][]): number[][] {
  const plane = x[0].length;
  const xt = tensor(x, undefined, 'float64');
  const winners = argmax(gather(xt, tensor(windows, undefined, 'int32'), 1), -1).toArray() as number[][];
  return winners.map((row, r) => row.map((t, l) => r * plane + windows[l][t]));
}

describe('gatherArgmax', () => {
  it('gives each window’s largest element as a position in x flattened', () => {
    const x = [[1, 5, 2, 7], [9, 0, 3, 3]];
    const windows = [[0, 1], [2, 3], [3, 0]];
    expect(gatherArgmax(tensor(x, undefined, 'float32'), tensor(windows, undefined, 'int32')).toArray()).toEqual([[1, 3, 3], [4, 6, 4]]);
  });

  it('takes the first of ties, the first NaN, and the first tap when all are −∞, as argmax over the gathered windows', () => {
    const x = [[2, 2, NaN, 1, NaN], [-Infinity, -Infinity, 3, -Infinity, 3], [0, -0, 0, Infinity, Infinity]];
    const windows = [[0, 1, 1], [1, 0, 0], [3, 2, 4], [4, 2, 3], [0, 1, 3], [1, 1, 1], [3, 4, 2]];
    for (const dtype of ['float32', 'float64'] as const) {
      const got = gatherArgmax(tensor(x, undefined, dtype), tensor(windows, undefined, 'int32')).toArray();
      expect(got).toEqual(composed(x, windows));
    }
    // the first NaN, not the largest number: row 0, window [3, 2, 4] → position 2
    expect(composed(x, windows)[0][2]).toBe(2);
    // all −∞: the first tap, row 1, window [0, 1, 3] → position 5 + 0
    expect(composed(x, windows)[1][4]).toBe(5);
  });

  it('equals the composition on random data, windows of every kind (overlapping, repeated, one tap)', () => {
    const rng = createRng(8);
    for (const [rows, plane, count, taps] of [[1, 1, 1, 1], [3, 7, 5, 4], [6, 13, 9, 3], [2, 30, 11, 9]]) {
      // small integers: many ties
      const x = Array.from({ length: rows }, () => Array.from({ length: plane }, () => Math.floor(rng.uniform() * 4)));
      const windows = Array.from({ length: count }, () => Array.from({ length: taps }, () => Math.floor(rng.uniform() * plane)));
      expect(gatherArgmax(tensor(x, undefined, 'float64'), tensor(windows, undefined, 'int32')).toArray()).toEqual(composed(x, windows));
    }
  });

  it('gives positions that gather takes without a range check, for max pooling’s values and gradient', () => {
    const x = tensor([[1, 4, 2, 3], [8, 6, 7, 5]], undefined, 'float64');
    const windows = tensor([[0, 1], [2, 3]], undefined, 'int32');
    const picks = gatherArgmax(x, windows);
    const pooled = (p: { x: typeof x }) => gather(reshape(p.x, [8]), gatherArgmax(p.x, windows), 0);
    expect(pooled({ x }).toArray()).toEqual([[4, 3], [8, 7]]);
    expect(picks.dtype).toBe('int32');
    expect(grad((p) => sum(pooled(p)), { x }).x).toBeAllClose([[0, 1, 0, 1], [1, 0, 1, 0]]);
  });

  it('is empty for no windows or no rows', () => {
    expect(gatherArgmax(tensor([[1, 2]], undefined, 'float32'), tensor([], [0, 2], 'int32')).shape).toEqual([1, 0]);
    expect(gatherArgmax(tensor([], [0, 3], 'float32'), tensor([[0, 2]], undefined, 'int32')).shape).toEqual([0, 1]);
  });

  it('refuses bad input, naming the op', () => {
    const x = tensor([[1, 2, 3]], undefined, 'float32');
    expect(() => gatherArgmax(x, tensor([[0, 3]], undefined, 'int32'))).toThrow(new ValueError('gatherArgmax', 'window entry 3 at position 1 is out of range [0, 3)'));
    expect(() => gatherArgmax(x, tensor([[0, 1]], undefined, 'float32'))).toThrow(DTypeError);
    expect(() => gatherArgmax(tensor([[1, 2]], undefined, 'int32'), tensor([[0, 1]], undefined, 'int32'))).toThrow(new DTypeError('gatherArgmax', 'expected a float32 or float64 x, got int32'));
    expect(() => gatherArgmax(tensor([1, 2, 3], undefined, 'float32'), tensor([[0, 1]], undefined, 'int32'))).toThrow(new ShapeError('gatherArgmax', 'expected x of shape [R,P], got [3]'));
    expect(() => gatherArgmax(x, tensor([], [2, 0], 'int32'))).toThrow(new ShapeError('gatherArgmax', 'expected windows of shape [L,T] with T ≥ 1, got [2,0]'));
  });
});
