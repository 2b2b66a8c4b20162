import { LinalgError } from './errors';
import { assertFinite, assertSquare, type Mat, shapeOf } from './matrix';
import { solveTriangular } from './solve-triangular';

/** P·A = L·U, packed as LAPACK's getrf packs it. */
export interface LuDecomposition {
  /** U on and above the diagonal, the multipliers of unit-lower-triangular L below it. */
  readonly lu: Mat;
  /** Row i of P·A is row `perm[i]` of A. */
  readonly perm: Int32Array;
  /** det(P): +1 for an even number of row swaps, −1 for odd. */
  readonly sign: 1 | -1;
}

/**
 * P·A = L·U by Gaussian elimination with partial pivoting (row k swapped with the row holding the
 * largest |a_ik|, i ≥ k, so every |l_ij| ≤ 1), outer-product (k-i-j) form along rows. 2n³/3 flops.
 * Never throws for a singular A: a column with no non-zero pivot is skipped and leaves u_kk = 0, so
 * `det` can report 0; `solve` and `inv` check the pivots.
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §3.4.2 (Algorithm 3.4.1).
 */
export function lu(a: Mat): LuDecomposition {
  return luFactor('lu', a);
}

/** `lu` with errors named after the routine that called it. */
export function luFactor(op: string, a: Mat): LuDecomposition {
  assertSquare(op, a);
  assertFinite(op, a);
  const n = a.rows;
  const A = new Float64Array(a.data);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign: 1 | -1 = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(A[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i * n + k]);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    if (p !== k) {
      const rk = A.slice(k * n, k * n + n);
      A.copyWithin(k * n, p * n, p * n + n);
      A.set(rk, p * n);
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
      sign = -sign as 1 | -1;
    }
    const pivot = A[k * n + k];
    if (pivot === 0) continue;
    const rk = k * n;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = A[ri + k] / pivot;
      A[ri + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) A[ri + j] -= l * A[rk + j];
    }
  }
  return { lu: { rows: n, cols: n, data: A }, perm, sign };
}

/**
 * Throws `op: matrix is singular` if some pivot |u_kk| ≤ n·ε·max|u_ij|.
 * NOTE: not just u_kk = 0: rounding turns exactly singular matrices such as [[1,2,3],[4,5,6],[7,8,9]]
 * into pivots near ε·‖A‖, and solving with them returns numbers of size 1/ε. Under partial pivoting a
 * pivot that small means the whole remaining column is that small, so A is within about n·|u_kk| of
 * a singular matrix: singular to working precision.
 */
export function assertNonsingular(op: string, { lu: { data: U, rows: n } }: LuDecomposition): void {
  let maxU = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) maxU = Math.max(maxU, Math.abs(U[i * n + j]));
  const tiny = n * Number.EPSILON * maxU;
  for (let k = 0; k < n; k++) {
    if (!(Math.abs(U[k * n + k]) > tiny)) throw new LinalgError(op, 'matrix is singular');
  }
}

/** X with A·X = B from the factors of A: permute B's rows, then L·Y = P·B and U·X = Y. */
export function luSolve(op: string, f: LuDecomposition, b: Mat): Mat {
  const n = f.lu.rows;
  const m = b.cols;
  if (b.rows !== n || b.data.length !== n * m) {
    throw new LinalgError(op, `right-hand side ${shapeOf(b)} does not match matrix ${shapeOf(f.lu)}`);
  }
  const pb = new Float64Array(n * m);
  for (let i = 0; i < n; i++) pb.set(b.data.subarray(f.perm[i] * m, f.perm[i] * m + m), i * m);
  const y = solveTriangular(f.lu, { rows: n, cols: m, data: pb }, { lower: true, unitDiagonal: true });
  return solveTriangular(f.lu, y, { lower: false });
}
