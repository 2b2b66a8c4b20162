import { luFactor } from './lu';
import type { Mat } from './matrix';

/** sign · exp(logAbsDet) = det(A); sign is 0 (and logAbsDet −∞) when A is singular. */
export interface SlogdetResult {
  readonly sign: -1 | 0 | 1;
  readonly logAbsDet: number;
}

/**
 * det(A) = det(P)·Π u_kk from P·A = L·U. Overflows or underflows for large n (det of a 784×784
 * covariance easily does); use `slogdet` then. For SPD A, 2·Σ log l_ii from `cholesky` is cheaper.
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §3.4.
 */
export function det(a: Mat): number {
  const { lu, sign } = luFactor('det', a);
  const n = lu.rows;
  let d: number = sign;
  for (let k = 0; k < n; k++) d *= lu.data[k * n + k];
  return d === 0 ? 0 : d; // not −0 after a row swap
}

/** log|det(A)| = Σ log|u_kk| and its sign, from P·A = L·U; no overflow (numpy's `slogdet`). */
export function slogdet(a: Mat): SlogdetResult {
  const { lu, sign } = luFactor('slogdet', a);
  const n = lu.rows;
  let s: number = sign;
  let logAbsDet = 0;
  for (let k = 0; k < n; k++) {
    const u = lu.data[k * n + k];
    if (u === 0) return { sign: 0, logAbsDet: -Infinity };
    if (u < 0) s = -s;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign: s as -1 | 1, logAbsDet };
}
