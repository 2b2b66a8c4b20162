import { describe, it } from 'vitest';
import { fromRows, mat, multiply } from './matrix';
import { solve } from './solve';
import { expectLinalgError, expectMatClose, lcg, randomMat } from './test-helpers';

describe('solve', () => {
  it('solves a hand-checked 2×2 system', () => {
    // Cramer: det = 2·3 − 1·1 = 5, x1 = (3·3 − 1·5)/5 = 4/5, x2 = (2·5 − 1·3)/5 = 7/5
    expectMatClose(solve(fromRows([[2, 1], [1, 3]]), fromRows([[3], [5]])), [[0.8], [1.4]]);
  });

  it('pivots past a zero on the diagonal', () => {
    // [[0, 1], [1, 0]]·x = [2, 3] swaps: x = [3, 2]
    expectMatClose(solve(fromRows([[0, 1], [1, 0]]), fromRows([[2], [3]])), [[3], [2]]);
  });

  it.each([1, 2, 7, 33])('gives A·X ≈ B for three right-hand sides (n = %i)', (n) => {
    const rand = lcg(300 + n);
    const a = randomMat(rand, n, n);
    const b = randomMat(rand, n, 3);
    expectMatClose(multiply(a, solve(a, b)), b);
  });

  it('refuses an exactly singular matrix', () => {
    expectLinalgError(() => solve(fromRows([[1, 2], [2, 4]]), fromRows([[1], [1]])), 'solve: matrix is singular');
    expectLinalgError(() => solve(fromRows([[0]]), fromRows([[1]])), 'solve: matrix is singular');
  });

  it('refuses a matrix singular to working precision', () => {
    // Row 2 = (row 1 + row 3)/2, but rounding leaves a last pivot near 1e-16 rather than 0
    const a = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expectLinalgError(() => solve(a, fromRows([[1], [1], [1]])), 'solve: matrix is singular');
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => solve(mat(2, 3), mat(2, 1)), 'solve: matrix is not square: [2,3]');
  });

  it('refuses a right-hand side with the wrong number of rows', () => {
    expectLinalgError(
      () => solve(fromRows([[2, 1], [1, 3]]), mat(3, 1)),
      'solve: right-hand side [3,1] does not match matrix [2,2]',
    );
  });
});
