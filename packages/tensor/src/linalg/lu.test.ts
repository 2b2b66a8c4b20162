import { describe, expect, it } from 'vitest';
import { lu } from './lu';
import { fromRows, mat, multiply } from './matrix';
import { expectLinalgError, expectMatClose, lcg, randomMat } from './test-helpers';

describe('lu', () => {
  it('factors a hand-checked 2×2 matrix, swapping rows for the larger pivot', () => {
    // |3| > |1|: P·A = [[3, 4], [1, 2]], l21 = 1/3, u22 = 2 − (1/3)·4 = 2/3
    const { lu: f, perm, sign } = lu(fromRows([[1, 2], [3, 4]]));
    expectMatClose(f, [[3, 4], [1 / 3, 2 / 3]]);
    expect(Array.from(perm)).toEqual([1, 0]);
    expect(sign).toBe(-1);
  });

  it.each([1, 2, 7, 33])('gives P·A = L·U with |l_ij| ≤ 1 (n = %i)', (n) => {
    const a = randomMat(lcg(200 + n), n, n);
    const { lu: f, perm } = lu(a);
    const l = mat(n, n);
    const u = mat(n, n);
    const pa = mat(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = f.data[i * n + j];
        if (j < i) l.data[i * n + j] = v;
        else u.data[i * n + j] = v;
        pa.data[i * n + j] = a.data[perm[i] * n + j];
      }
      l.data[i * n + i] = 1;
    }
    for (const v of l.data) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expectMatClose(multiply(l, u), pa);
  });

  it('factors a singular matrix without throwing, leaving a zero pivot', () => {
    // P·A = [[2, 4], [1, 2]], l21 = 1/2, u22 = 2 − (1/2)·4 = 0
    const { lu: f } = lu(fromRows([[1, 2], [2, 4]]));
    expectMatClose(f, [[2, 4], [0.5, 0]], { rtol: 0 });
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => lu(mat(3, 2)), 'lu: matrix is not square: [3,2]');
  });
});
