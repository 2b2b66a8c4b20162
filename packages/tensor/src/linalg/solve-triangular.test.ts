import { describe, expect, it } from 'vitest';
import { fromRows, mat, multiply, transpose } from './matrix';
import { solveTriangular } from './solve-triangular';
import { expectLinalgError, expectMatClose, lcg, randomMat } from './test-helpers';

/** Random triangular matrix with |t_ii| ≥ n, so that it is well conditioned. */
function randomTriangular(rand: () => number, n: number, lower: boolean) {
  const t = randomMat(rand, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (lower ? j > i : j < i) t.data[i * n + j] = 0;
    t.data[i * n + i] = (t.data[i * n + i] >= 0 ? 1 : -1) * (n + Math.abs(t.data[i * n + i]));
  }
  return t;
}

describe('solveTriangular', () => {
  const l = fromRows([[2, 0], [1, 4]]);

  it('solves L·x = b by forward substitution', () => {
    // x1 = 2/2 = 1, x2 = (9 − 1·1)/4 = 2
    expectMatClose(solveTriangular(l, fromRows([[2], [9]])), [[1], [2]]);
  });

  it('solves Lᵀ·x = b by back substitution', () => {
    // Lᵀ = [[2, 1], [0, 4]]: x2 = 8/4 = 2, x1 = (4 − 1·2)/2 = 1
    expectMatClose(solveTriangular(l, fromRows([[4], [8]]), { transpose: true }), [[1], [2]]);
  });

  it('solves U·x = b and Uᵀ·x = b', () => {
    const u = fromRows([[2, 1], [0, 4]]);
    // U·x = [4, 8]: x2 = 2, x1 = (4 − 2)/2 = 1.  Uᵀ = [[2, 0], [1, 4]]: Uᵀ·x = [2, 9] gives x = [1, 2]
    expectMatClose(solveTriangular(u, fromRows([[4], [8]]), { lower: false }), [[1], [2]]);
    expectMatClose(solveTriangular(u, fromRows([[2], [9]]), { lower: false, transpose: true }), [[1], [2]]);
  });

  it('reads only the named triangle, and not the diagonal when it is unit', () => {
    // Garbage above the diagonal and on it; with unit diagonal: x1 = 5, x2 = 1 − 3·5 = −14
    const t = fromRows([[99, 77], [3, 99]]);
    expectMatClose(solveTriangular(t, fromRows([[5], [1]]), { unitDiagonal: true }), [[5], [-14]]);
  });

  it('solves for several right-hand sides at once', () => {
    // Columns solved independently: [2, 9] → [1, 2] and [4, 4] → [2, 0.5]
    expectMatClose(solveTriangular(l, fromRows([[2, 4], [9, 4]])), [[1, 2], [2, 0.5]]);
  });

  for (const lower of [true, false]) {
    for (const trans of [false, true]) {
      it.each([1, 2, 7, 33])(
        `gives op(T)·X ≈ B (lower: ${lower}, transpose: ${trans}, n = %i)`,
        (n) => {
          const rand = lcg(100 + n);
          const t = randomTriangular(rand, n, lower);
          const b = randomMat(rand, n, 3);
          const x = solveTriangular(t, b, { lower, transpose: trans });
          expectMatClose(multiply(trans ? transpose(t) : t, x), b);
        },
      );
    }
  }

  it('refuses a zero on the diagonal', () => {
    expectLinalgError(
      () => solveTriangular(fromRows([[1, 0], [2, 0]]), fromRows([[1], [1]])),
      'solveTriangular: matrix is singular: diagonal entry 1 is zero',
    );
  });

  it('refuses a right-hand side with the wrong number of rows', () => {
    expectLinalgError(
      () => solveTriangular(l, mat(3, 1)),
      'solveTriangular: right-hand side [3,1] does not match matrix [2,2]',
    );
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => solveTriangular(mat(2, 3), mat(2, 1)), 'solveTriangular: matrix is not square: [2,3]');
  });

  it('returns an empty solution for an empty system', () => {
    expect(solveTriangular(mat(0, 0), mat(0, 2)).data.length).toBe(0);
  });
});
