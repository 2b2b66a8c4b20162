import { assertNonsingular, luFactor, luSolve } from './lu';
import type { Mat } from './matrix';

/**
 * X with A·X = B, for square A (n×n) and B (n×m): LU with partial pivoting, then two triangular
 * solves. 2n³/3 + 2n²·m flops. Throws `solve: matrix is singular` when A is singular to working
 * precision (see `assertNonsingular`). For symmetric positive definite A, `cholesky` and
 * `solveTriangular` do half the work.
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §3.4.
 */
export function solve(a: Mat, b: Mat): Mat {
  const f = luFactor('solve', a);
  assertNonsingular('solve', f);
  return luSolve('solve', f, b);
}
