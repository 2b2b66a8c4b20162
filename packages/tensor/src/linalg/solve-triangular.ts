import { LinalgError } from './errors';
import { assertMat, assertSquare, type Mat, shapeOf } from './matrix';

export interface SolveTriangularOptions {
  /** `t` is lower triangular (else upper); default true. Only that triangle is read. */
  readonly lower?: boolean;
  /** Solve tᵀ·X = B instead of t·X = B; default false. */
  readonly transpose?: boolean;
  /** Take the diagonal of `t` as all ones without reading it; default false. */
  readonly unitDiagonal?: boolean;
}

/**
 * X with op(T)·X = B, op(T) = T or Tᵀ, for triangular T (n×n) and B (n×m), by substitution.
 *
 * Only the triangle named by `lower` is read, so the packed factors of `lu()` can be passed as they
 * are. Every update runs along a row of T and rows of X: with T itself, row i of X is finished from
 * the rows already solved (dot form); with Tᵀ, each solved row is subtracted from the rest (axpy
 * form). n²·m flops. Throws on an exactly zero diagonal entry.
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §3.1 (Algorithms 3.1.1–3.1.4).
 */
export function solveTriangular(
  t: Mat,
  b: Mat,
  { lower = true, transpose = false, unitDiagonal = false }: SolveTriangularOptions = {},
): Mat {
  assertSquare('solveTriangular', t);
  assertMat('solveTriangular', b);
  const n = t.rows;
  const m = b.cols;
  if (b.rows !== n) {
    throw new LinalgError('solveTriangular', `right-hand side ${shapeOf(b)} does not match matrix ${shapeOf(t)}`);
  }
  const T = t.data;
  const X = new Float64Array(b.data);
  const divide = (i: number): void => {
    if (unitDiagonal) return;
    const tii = T[i * n + i];
    if (tii === 0) throw new LinalgError('solveTriangular', `matrix is singular: diagonal entry ${i} is zero`);
    const xi = i * m;
    for (let c = 0; c < m; c++) X[xi + c] /= tii;
  };
  // x_dst −= t_ij · x_src, over the m columns.
  const subtract = (dst: number, tij: number, src: number): void => {
    if (tij === 0) return;
    const xd = dst * m;
    const xs = src * m;
    for (let c = 0; c < m; c++) X[xd + c] -= tij * X[xs + c];
  };
  if (!transpose && lower) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < i; k++) subtract(i, T[i * n + k], k);
      divide(i);
    }
  } else if (!transpose) {
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) subtract(i, T[i * n + k], k);
      divide(i);
    }
  } else if (lower) {
    // Lᵀ is upper: solve from the bottom; (Lᵀ)_ki = l_ik lies along row i of L.
    for (let i = n - 1; i >= 0; i--) {
      divide(i);
      for (let k = 0; k < i; k++) subtract(k, T[i * n + k], i);
    }
  } else {
    // Uᵀ is lower: solve from the top; (Uᵀ)_ki = u_ik lies along row i of U.
    for (let i = 0; i < n; i++) {
      divide(i);
      for (let k = i + 1; k < n; k++) subtract(k, T[i * n + k], i);
    }
  }
  return { rows: n, cols: m, data: X };
}
