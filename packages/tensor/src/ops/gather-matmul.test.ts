import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { createRng } from '../random/rng';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { randn } from './random';
import { gather } from './gather';
import { gatherMatmul } from './gather-matmul';
import { matmul } from './matmul';
import { sum } from './reduce';
import type { Tensor } from '../tensor';

const rng = createRng(3);

/** [K, P] int32 indices into [0, L), with repeats (an entry read by several columns, as overlapping windows do). */
function indices(k: number, p: number, l: number): Tensor {
  return tensor(Array.from({ length: k * p }, () => rng.int(l)), [k, p], 'int32');
}

describe('gatherMatmul', () => {
  it('is a · x[n][indices] for each row n, by hand', () => {
    // x rows [1,2,3] and [4,5,6]; indices pick columns [[0,2],[1,1]]: C[0] = [[1,3],[2,2]], C[1] = [[4,6],[5,5]]
    const a = tensor([[1, 10]]);
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const y = gatherMatmul(a, x, tensor([[0, 2], [1, 1]], undefined, 'int32'));
    expect(y.shape).toEqual([2, 1, 2]);
    expect(y.toArray()).toEqual([[[21, 23]], [[54, 56]]]);
  });

  it.each(['float32', 'float64'] as const)('equals matmul(a, gather(x, indices, 1)) bit for bit on awkward shapes (%s)', (dtype) => {
    for (const [n, m, k, p, l] of [[1, 1, 1, 1, 1], [3, 6, 26, 33, 40], [2, 7, 9, 65, 12], [5, 16, 151, 100, 1178]]) {
      const a = randn([m, k], { rng, dtype });
      const x = randn([n, l], { rng, dtype });
      const idx = indices(k, p, l);
      expect(Array.from(gatherMatmul(a, x, idx).dataSync())).toEqual(Array.from(matmul(a, gather(x, idx, 1)).dataSync()));
    }
  });

  it('has the numerical gradient with respect to a and x, repeated indices included', () => {
    const idx = indices(5, 7, 6);
    const w = randn([2, 3, 7], { rng, dtype: 'float64' });
    expectGradClose((q) => sum(mul(gatherMatmul(q.a, q.x, idx), w)), {
      a: randn([3, 5], { rng, dtype: 'float64' }),
      x: randn([2, 6], { rng, dtype: 'float64' }),
    });
  });

  it('refuses bad input with the reason', () => {
    const a = randn([2, 3], { rng });
    const x = randn([4, 5], { rng });
    const idx = indices(3, 2, 5);
    expect(() => gatherMatmul(randn([2], { rng }), x, idx)).toThrow(new ShapeError('gatherMatmul', 'expected a of shape [M, K], got [2]'));
    expect(() => gatherMatmul(a, randn([4, 5, 1], { rng }), idx)).toThrow(new ShapeError('gatherMatmul', 'expected x of shape [N, L], got [4,5,1]'));
    expect(() => gatherMatmul(a, x, indices(2, 2, 5))).toThrow(
      new ShapeError('gatherMatmul', 'expected indices of shape [K, P] with K = 3 (the columns of a [2,3]), got [2,2]'),
    );
    expect(() => gatherMatmul(a, x, tensor([[0], [5], [1]], undefined, 'int32'))).toThrow(
      new ValueError('gatherMatmul', 'index 5 at position 1 is out of range [0, 5)'),
    );
    expect(() => gatherMatmul(a, x, tensor([[0], [1], [1]]))).toThrow(DTypeError);
    expect(() => gatherMatmul(a, randn([4, 5], { rng, dtype: 'float64' }), idx)).toThrow(DTypeError);
  });
});
