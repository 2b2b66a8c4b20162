import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { createRng } from '../random/rng';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { randn } from './random';
import { gather } from './gather';
import { gatherMatmulGradA } from './gather-matmul-grad-a';
import { matmul } from './matmul';
import { sum } from './reduce';
import type { Tensor } from '../tensor';

const rng = createRng(5);

/** [K, P] int32 indices into [0, L), with repeats. */
function indices(k: number, p: number, l: number): Tensor {
  return tensor(Array.from({ length: k * p }, () => rng.int(l)), [k, p], 'int32');
}

describe('gatherMatmulGradA', () => {
  it('is Σ_n g[n] · x[n][indices]ᵀ, by hand', () => {
    // x rows [1,2,3] and [4,5,6], indices [[0,2],[1,1]]: C[0] = [[1,3],[2,2]], C[1] = [[4,6],[5,5]]
    // g[0] = [[1,10]], g[1] = [[2,0]]: g[0]·C[0]ᵀ = [[31, 22]], g[1]·C[1]ᵀ = [[8, 10]]
    const y = gatherMatmulGradA(tensor([[[1, 10]], [[2, 0]]]), tensor([[1, 2, 3], [4, 5, 6]]), tensor([[0, 2], [1, 1]], undefined, 'int32'));
    expect(y.shape).toEqual([1, 2]);
    expect(y.toArray()).toEqual([[39, 32]]);
  });

  it.each(['float32', 'float64'] as const)('equals sum(matmul(g, gather(x, indices, 1), transposeB), 0) bit for bit on awkward shapes (%s)', (dtype) => {
    for (const [n, m, k, p, l] of [[1, 1, 1, 1, 1], [3, 6, 26, 33, 40], [2, 7, 9, 65, 12], [5, 16, 151, 100, 1178]]) {
      const g = randn([n, m, p], { rng, dtype });
      const x = randn([n, l], { rng, dtype });
      const idx = indices(k, p, l);
      const want = sum(matmul(g, gather(x, idx, 1), { transposeB: true }), 0);
      expect(Array.from(gatherMatmulGradA(g, x, idx).dataSync())).toEqual(Array.from(want.dataSync()));
    }
  });

  it('has the numerical gradient with respect to g and x, repeated indices included', () => {
    const idx = indices(5, 7, 6);
    const w = randn([3, 5], { rng, dtype: 'float64' });
    expectGradClose((q) => sum(mul(gatherMatmulGradA(q.g, q.x, idx), w)), {
      g: randn([2, 3, 7], { rng, dtype: 'float64' }),
      x: randn([2, 6], { rng, dtype: 'float64' }),
    });
  });

  it('refuses bad input with the reason', () => {
    const g = randn([4, 2, 3], { rng });
    const x = randn([4, 5], { rng });
    const idx = indices(6, 3, 5);
    expect(() => gatherMatmulGradA(randn([2, 3], { rng }), x, idx)).toThrow(new ShapeError('gatherMatmulGradA', 'expected g of shape [N, M, P], got [2,3]'));
    expect(() => gatherMatmulGradA(g, randn([3, 5], { rng }), idx)).toThrow(
      new ShapeError('gatherMatmulGradA', 'expected x of shape [N, L] with N = 4 (the rows of g [4,2,3]), got [3,5]'),
    );
    expect(() => gatherMatmulGradA(g, x, indices(6, 2, 5))).toThrow(
      new ShapeError('gatherMatmulGradA', 'expected indices of shape [K, P] with P = 3 (the last axis of g [4,2,3]), got [6,2]'),
    );
    expect(() => gatherMatmulGradA(g, x, tensor([[0, 5, 1]], undefined, 'int32'))).toThrow(
      new ValueError('gatherMatmulGradA', 'index 5 at position 1 is out of range [0, 5)'),
    );
    expect(() => gatherMatmulGradA(g, x, tensor([[0, 1, 1]]))).toThrow(DTypeError);
    expect(() => gatherMatmulGradA(g, randn([4, 5], { rng, dtype: 'float64' }), idx)).toThrow(DTypeError);
  });
});
