import { describe, expect, it } from 'vitest';
import { tensor } from '../ops/creation';
import { matmul } from '../ops/matmul';
import { transpose } from '../ops/permute';
import { mul } from '../ops/binary';
import { cholesky, det, eigh, inv, slogdet, solve, solveTriangular, svd } from './tensor-api';

const spd = () => tensor([[4, 2], [2, 3]], undefined, 'float64');

describe('tensor-level linear algebra', () => {
  it('cholesky: [[4,2],[2,3]] = L·Lᵀ with L = [[2,0],[1,√2]], in the input dtype', () => {
    const l = cholesky(spd());
    expect(l.dtype).toBe('float64');
    expect(l).toBeAllClose([[2, 0], [1, Math.SQRT2]], { rtol: 1e-14 });
    expect(cholesky(tensor([[4, 2], [2, 3]])).dtype).toBe('float32');
  });

  it('solve and solveTriangular accept vector and matrix right-hand sides', () => {
    // 4x + 2y = 2, 2x + 3y = 1 → x = 0.5, y = 0
    expect(solve(spd(), tensor([2, 1], undefined, 'float64'))).toBeAllClose([0.5, 0], { atol: 1e-14 });
    const l = tensor([[2, 0], [1, 1]], undefined, 'float64');
    // 2a = 4 → a = 2; b + a = 3 → b = 1 (for both columns, the second doubled)
    expect(solveTriangular(l, tensor([[4, 8], [3, 6]], undefined, 'float64'))).toBeAllClose([[2, 4], [1, 2]], { rtol: 1e-14 });
  });

  it('inv, det and slogdet agree with the hand values', () => {
    // det = 4·3 − 2·2 = 8; inverse = [[3, −2], [−2, 4]] / 8
    expect(det(spd())).toBeCloseTo(8, 12);
    expect(slogdet(spd())).toEqual({ sign: 1, logAbsDet: expect.closeTo(Math.log(8), 12) });
    expect(inv(spd())).toBeAllClose([[0.375, -0.25], [-0.25, 0.5]], { rtol: 1e-14 });
  });

  it('eigh and svd reconstruct their matrix', () => {
    // eigenvalues of [[4,2],[2,3]]: (7 ± √17)/2
    const { values, vectors } = eigh(spd());
    expect(values).toBeAllClose([(7 - Math.sqrt(17)) / 2, (7 + Math.sqrt(17)) / 2], { rtol: 1e-13 });
    expect(matmul(mul(vectors, values), transpose(vectors))).toBeAllClose(spd(), { rtol: 1e-13 });
    const a = tensor([[1, 2, 3], [4, 5, 6]], undefined, 'float64');
    const { u, s, v } = svd(a);
    expect(s.shape).toEqual([2]);
    expect(matmul(mul(u, s), transpose(v))).toBeAllClose(a, { rtol: 1e-13 });
  });

  it('refuses non-matrices and integer tensors', () => {
    expect(() => cholesky(tensor([1, 2]))).toThrow('cholesky: expected a 2-D matrix, got shape [2]');
    expect(() => inv(tensor([[1]], undefined, 'int32'))).toThrow('inv: expected a float32 or float64 matrix, got int32');
  });
});
