import { LinalgError } from './errors';
import { assertFinite, assertMat, type Mat } from './matrix';

/** Thin SVD: A = U·diag(s)·Vᵀ with k = min(m, n). */
export interface SvdResult {
  /** m×k, orthonormal columns. */
  readonly u: Mat;
  /** Singular values, descending, all ≥ 0. */
  readonly s: Float64Array;
  /** n×k, orthonormal columns. */
  readonly v: Mat;
}

/**
 * Thin singular value decomposition by one-sided (Hestenes) Jacobi.
 *
 * With m ≥ n (else factor Aᵀ and swap U and V): plane rotations on pairs of columns of A, each
 * making the pair orthogonal, until every pair has |a_pᵀa_q| ≤ m·ε·‖a_p‖·‖a_q‖; the accumulated
 * rotations are V, the column norms are s, the normalized columns are U. Columns left exactly zero
 * (rank-deficient A) get U columns completed to an orthonormal set. Accurate for small singular
 * values too (Demmel & Veselić), but each sweep costs about 3n²(m + n) flops and 5–10 sweeps are
 * typical: for a large symmetric problem such as PCA, `eigh` of the covariance is much faster.
 * @see Demmel & Veselić, "Jacobi's method is more accurate than QR", SIAM J. Matrix Anal. Appl. 13 (1992).
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §8.6.3 (one-sided Jacobi).
 */
export function svd(a: Mat): SvdResult {
  assertMat('svd', a);
  assertFinite('svd', a);
  if (a.rows < a.cols) {
    const { u, s, v } = tallSvd(a.data, a.cols, a.rows, false);
    return { u: v, s, v: u };
  }
  return tallSvd(a.data, a.rows, a.cols, true);
}

/**
 * SVD of an m×n matrix (m ≥ n) whose columns lie along `data`: row-major A when `rowMajor`,
 * else the rows of the row-major n×m matrix Aᵀ stored in `data`.
 */
function tallSvd(data: Float64Array, m: number, n: number, rowMajor: boolean): SvdResult {
  // G: row j is column j of A / scale (scaling keeps squared norms clear of over- and underflow).
  let scale = 0;
  for (let i = 0; i < data.length; i++) scale = Math.max(scale, Math.abs(data[i]));
  const G = new Float64Array(n * m);
  if (scale > 0) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) G[j * m + i] = (rowMajor ? data[i * n + j] : data[j * m + i]) / scale;
    }
  }
  // R: row j is column j of V.
  const R = new Float64Array(n * n);
  for (let j = 0; j < n; j++) R[j * n + j] = 1;

  const tol = Math.max(m, 1) * Number.EPSILON;
  let converged = false;
  for (let sweep = 0; sweep < 60 && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n - 1; p++) {
      const gp = p * m;
      for (let q = p + 1; q < n; q++) {
        const gq = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = G[gp + i];
          const y = G[gq + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        converged = false;
        // Rotation zeroing the off-diagonal of [[α, γ], [γ, β]]: t = tan θ, the smaller root of
        // t² + 2ζt − 1 = 0 (|θ| ≤ π/4, which is what makes the sweeps converge).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateRows(G, gp, gq, m, c, s);
        rotateRows(R, p * n, q * n, n, c, s);
      }
    }
  }
  if (!converged) throw new LinalgError('svd', 'Jacobi iteration did not converge');

  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += G[j * m + i] * G[j * m + i];
    norms[j] = Math.sqrt(sum);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((i, j) => norms[j] - norms[i]);
  const s = new Float64Array(n);
  const U = new Float64Array(m * n);
  const V = new Float64Array(n * n);
  let rank = 0;
  for (let c = 0; c < n; c++) {
    const src = order[c];
    const norm = norms[src];
    s[c] = norm * scale;
    for (let r = 0; r < n; r++) V[r * n + c] = R[src * n + r];
    if (norm === 0) continue;
    rank = c + 1;
    for (let r = 0; r < m; r++) U[r * n + c] = G[src * m + r] / norm;
  }
  completeColumns(U, m, n, rank);
  return { u: { rows: m, cols: n, data: U }, s, v: { rows: n, cols: n, data: V } };
}

/** [x, y] ← [c·x − s·y, s·x + c·y] for rows x, y of length len starting at offsets i, j. */
function rotateRows(X: Float64Array, i: number, j: number, len: number, c: number, s: number): void {
  for (let k = 0; k < len; k++) {
    const x = X[i + k];
    const y = X[j + k];
    X[i + k] = c * x - s * y;
    X[j + k] = s * x + c * y;
  }
}

/**
 * Fills columns rank..n−1 of the m×n matrix U, whose first `rank` columns are orthonormal, with
 * unit vectors orthogonal to all before them: each time the unit basis vector e_i that is furthest
 * from the current span, orthogonalized by Gram–Schmidt, twice ("twice is enough").
 */
function completeColumns(U: Float64Array, m: number, n: number, rank: number): void {
  const w = new Float64Array(m);
  for (let c = rank; c < n; c++) {
    // ‖(I − U·Uᵀ)e_i‖² = 1 − Σ_j u_ij², over the c columns filled so far.
    let best = 0;
    let bestResidual = -1;
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += U[i * n + j] * U[i * n + j];
      if (1 - sum > bestResidual) {
        bestResidual = 1 - sum;
        best = i;
      }
    }
    w.fill(0);
    w[best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < c; j++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += U[i * n + j] * w[i];
        for (let i = 0; i < m; i++) w[i] -= dot * U[i * n + j];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += w[i] * w[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) U[i * n + c] = w[i] / norm;
  }
}
