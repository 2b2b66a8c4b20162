import { describe, expect, it } from 'vitest';
import { det, slogdet } from './det';
import { lu } from './lu';
import { fromRows, identity, mat, multiply, transpose } from './matrix';
import { expectLinalgError, lcg, randomMat } from './test-helpers';

// Cofactor expansion along row 1:
// 2·(0·5 − (−1)·4) − (−3)·(2·5 − (−1)·1) + 1·(2·4 − 0·1) = 2·4 + 3·11 + 8 = 49
const hand3 = fromRows([[2, -3, 1], [2, 0, -1], [1, 4, 5]]);

describe('det', () => {
  it('matches a hand-expanded 3×3 determinant', () => {
    expect(det(hand3)).toBeCloseTo(49, 12);
  });

  it('is negative after an odd number of row swaps', () => {
    // 1·4 − 2·3 = −2; the permutation [[0, 1], [1, 0]] has determinant −1
    expect(det(fromRows([[1, 2], [3, 4]]))).toBeCloseTo(-2, 14);
    expect(det(fromRows([[0, 1], [1, 0]]))).toBe(-1);
  });

  it.each([1, 2, 7, 33])('equals sign · Π u_kk and det(A·B) = det(A)·det(B) (n = %i)', (n) => {
    const rand = lcg(500 + n);
    const a = randomMat(rand, n, n);
    const b = randomMat(rand, n, n);
    const { lu: f, sign } = lu(a);
    let product: number = sign;
    for (let k = 0; k < n; k++) product *= f.data[k * n + k];
    const da = det(a);
    expect(da).toBe(product);
    expect(det(transpose(a))).toBeCloseTo(da, 10 - Math.ceil(Math.log10(Math.abs(da) + 1)));
    const dab = det(multiply(a, b));
    expect(Math.abs(dab - da * det(b))).toBeLessThanOrEqual(1e-10 * Math.abs(dab));
  });

  it('is exactly 0 for a matrix with an exactly zero pivot', () => {
    expect(det(fromRows([[1, 2], [2, 4]]))).toBe(0);
  });

  it('is 1 for the empty matrix', () => {
    expect(det(mat(0, 0))).toBe(1);
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => det(mat(1, 2)), 'det: matrix is not square: [1,2]');
  });
});

describe('slogdet', () => {
  it('gives sign and log|det| of the hand-expanded 3×3 matrix', () => {
    const { sign, logAbsDet } = slogdet(hand3);
    expect(sign).toBe(1);
    expect(logAbsDet).toBeCloseTo(Math.log(49), 13);
  });

  it('gives sign −1 for a negative determinant', () => {
    const { sign, logAbsDet } = slogdet(fromRows([[1, 2], [3, 4]]));
    expect(sign).toBe(-1);
    expect(logAbsDet).toBeCloseTo(Math.log(2), 14);
  });

  it('gives sign 0 and −∞ for a singular matrix', () => {
    expect(slogdet(fromRows([[1, 2], [2, 4]]))).toEqual({ sign: 0, logAbsDet: -Infinity });
  });

  it('does not overflow where det does', () => {
    // det(10·I₄₀₀) = 10⁴⁰⁰ > 1.8e308; log = 400·ln 10
    const a = identity(400);
    for (let i = 0; i < 400; i++) a.data[i * 400 + i] = 10;
    expect(det(a)).toBe(Infinity);
    const { sign, logAbsDet } = slogdet(a);
    expect(sign).toBe(1);
    expect(logAbsDet).toBeCloseTo(400 * Math.LN10, 10);
  });

  it.each([1, 2, 7, 33])('agrees with det (n = %i)', (n) => {
    const a = randomMat(lcg(600 + n), n, n);
    const d = det(a);
    const { sign, logAbsDet } = slogdet(a);
    expect(sign).toBe(Math.sign(d));
    expect(logAbsDet).toBeCloseTo(Math.log(Math.abs(d)), 12);
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => slogdet(mat(2, 1)), 'slogdet: matrix is not square: [2,1]');
  });
});
