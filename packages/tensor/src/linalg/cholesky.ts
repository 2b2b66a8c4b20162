import { LinalgError } from './errors';
import { assertFinite, assertSquare, assertSymmetric, type Mat } from './matrix';

export interface CholeskyOptions {
  /** Largest |a_ij − a_ji| accepted, relative to max|a|; default 1e-10. */
  readonly symmetryTolerance?: number;
}

/**
 * Lower-triangular L with A = L·Lᵀ, for symmetric positive definite A.
 *
 * Cholesky–Banachiewicz, row by row: l_ij = (a_ij − Σ_{k<j} l_ik·l_jk) / l_jj and
 * l_ii = √(a_ii − Σ_{k<i} l_ik²); both sums run along rows, so memory is read in order. n³/3 flops.
 * Strict: a pivot ≤ 0 throws (no jitter is added; a caller that wants A + εI adds it itself).
 * A is checked to be symmetric within `symmetryTolerance`, then taken as (A + Aᵀ)/2, as in `eigh`.
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §4.2.5 (Algorithm 4.2.1).
 */
export function cholesky(a: Mat, { symmetryTolerance = 1e-10 }: CholeskyOptions = {}): Mat {
  assertSquare('cholesky', a);
  assertFinite('cholesky', a);
  assertSymmetric('cholesky', a, symmetryTolerance);
  const n = a.rows;
  const A = a.data;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const li = i * n;
    for (let j = 0; j <= i; j++) {
      const lj = j * n;
      let s = i === j ? A[li + i] : 0.5 * (A[li + j] + A[j * n + i]);
      for (let k = 0; k < j; k++) s -= L[li + k] * L[lj + k];
      if (j < i) {
        L[li + j] = s / L[lj + j];
      } else {
        if (!(s > 0)) {
          throw new LinalgError('cholesky', `matrix is not positive definite: pivot at row ${i} is ${s}`);
        }
        L[li + i] = Math.sqrt(s);
      }
    }
  }
  return { rows: n, cols: n, data: L };
}
