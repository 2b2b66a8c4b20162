import { assertNonsingular, luFactor, luSolve } from './lu';
import { identity, type Mat } from './matrix';

/**
 * A⁻¹, by solving A·X = I with the LU factors of A. 2n³ flops. Throws `inv: matrix is singular`.
 * Prefer `solve(a, b)` to `multiply(inv(a), b)`: it is cheaper and more accurate.
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §3.4.
 */
export function inv(a: Mat): Mat {
  const f = luFactor('inv', a);
  assertNonsingular('inv', f);
  return luSolve('inv', f, identity(a.rows));
}
