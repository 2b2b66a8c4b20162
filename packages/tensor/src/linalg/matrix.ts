import { formatShape } from '../errors';
import { LinalgError } from './errors';

/** A dense matrix stored row-major: entry (i, j) is `data[i * cols + j]`. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A `rows`×`cols` matrix over `data` (not copied), or zeros. */
export function mat(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Mat {
  const m = { rows, cols, data };
  assertMat('mat', m);
  return m;
}

/** The matrix whose rows are `rows`: `fromRows([[1, 2], [3, 4]])`. */
export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const data = new Float64Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new LinalgError('fromRows', `row ${i} has ${row.length} entries, row 0 has ${c}`);
    data.set(row, i * c);
  });
  return { rows: r, cols: c, data };
}

/** The n×n identity. */
export function identity(n: number): Mat {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return mat(n, n, data);
}

/** Aᵀ. */
export function transpose(a: Mat): Mat {
  assertMat('transpose', a);
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return { rows: cols, cols: rows, data: out };
}

/** A·B, in i-k-j order so the inner loop runs along rows of B and of the result. */
export function multiply(a: Mat, b: Mat): Mat {
  assertMat('multiply', a);
  assertMat('multiply', b);
  if (a.cols !== b.rows) {
    throw new LinalgError('multiply', `inner dimensions differ: ${shapeOf(a)} x ${shapeOf(b)}`);
  }
  const { rows: m, cols: p } = a;
  const n = b.cols;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let k = 0; k < p; k++) {
      const aik = a.data[i * p + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) out[o + j] += aik * b.data[bk + j];
    }
  }
  return { rows: m, cols: n, data: out };
}

// ---- checks shared by the routines (not re-exported from index.ts) ----

/** `[rows,cols]`, as messages show shapes. */
export function shapeOf(a: Mat): string {
  return formatShape([a.rows, a.cols]);
}

/** Throws unless `a` has non-negative integer dimensions and `rows * cols` entries. */
export function assertMat(op: string, a: Mat): void {
  const { rows, cols, data } = a;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new LinalgError(op, `invalid matrix shape ${shapeOf(a)}`);
  }
  if (data.length !== rows * cols) {
    throw new LinalgError(op, `matrix of shape ${shapeOf(a)} needs ${rows * cols} entries, got ${data.length}`);
  }
}

/** Throws `op: matrix is not square: [2,3]` unless `a` is square. */
export function assertSquare(op: string, a: Mat): void {
  assertMat(op, a);
  if (a.rows !== a.cols) throw new LinalgError(op, `matrix is not square: ${shapeOf(a)}`);
}

/** Throws if an entry of `a` is NaN or ±∞ (which would otherwise surface as a misleading error). */
export function assertFinite(op: string, a: Mat): void {
  const { data, cols } = a;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new LinalgError(op, `matrix has a non-finite entry: a[${Math.floor(i / cols)}][${i % cols}] = ${data[i]}`);
    }
  }
}

/**
 * Throws unless |a_ij − a_ji| ≤ `tolerance` · max|a| for all i, j (a square matrix).
 * NOTE: relative to the largest entry, not to each pair: entries near zero carry the rounding error
 * of the large ones they were computed from.
 */
export function assertSymmetric(op: string, a: Mat, tolerance: number): void {
  const { data, rows: n } = a;
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(data[i]));
  const limit = tolerance * maxAbs;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const aij = data[i * n + j];
      const aji = data[j * n + i];
      if (Math.abs(aij - aji) > limit) {
        throw new LinalgError(op, `matrix is not symmetric: a[${i}][${j}] = ${aij} but a[${j}][${i}] = ${aji}`);
      }
    }
  }
}
