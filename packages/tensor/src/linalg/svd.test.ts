import { describe, expect, it } from 'vitest';
import { eigh } from './eigh';
import { fromRows, type Mat, mat, multiply, transpose } from './matrix';
import { svd } from './svd';
import {
  diag,
  expectLinalgError,
  expectMatClose,
  expectOrthonormalColumns,
  lcg,
  randomMat,
} from './test-helpers';

/** U·diag(s)·Vᵀ ≈ A, UᵀU ≈ I, VᵀV ≈ I, shapes thin, s descending and ≥ 0. */
function expectSvd(a: Mat, rtol = 1e-10): Float64Array {
  const { u, s, v } = svd(a);
  const k = Math.min(a.rows, a.cols);
  expect([u.rows, u.cols, s.length, v.rows, v.cols]).toEqual([a.rows, k, k, a.cols, k]);
  for (let j = 0; j < k; j++) {
    expect(s[j]).toBeGreaterThanOrEqual(0);
    if (j > 0) expect(s[j]).toBeLessThanOrEqual(s[j - 1]);
  }
  expectMatClose(multiply(multiply(u, diag(s)), transpose(v)), a, { rtol });
  expectOrthonormalColumns(u, rtol);
  expectOrthonormalColumns(v, rtol);
  return s;
}

describe('svd', () => {
  it('gives |d_i| in descending order for a diagonal matrix', () => {
    const s = expectSvd(fromRows([[-2, 0], [0, 3]]));
    expect(Array.from(s)).toEqual([3, 2]);
  });

  it('gives the singular values of a hand-checked 2×3 matrix', () => {
    // A·Aᵀ = [[17, 8], [8, 17]] has eigenvalues 17 ± 8 = 25, 9, so s = [5, 3]
    const s = expectSvd(fromRows([[3, 2, 2], [2, 3, -2]]));
    expect(s[0]).toBeCloseTo(5, 14);
    expect(s[1]).toBeCloseTo(3, 14);
  });

  it('handles a rank-1 matrix, completing U to orthonormal columns', () => {
    // Columns (1, 2, 3) and 2·(1, 2, 3): AᵀA = [[14, 28], [28, 56]] has eigenvalues 70, 0
    const s = expectSvd(fromRows([[1, 2], [2, 4], [3, 6]]));
    expect(s[0]).toBeCloseTo(Math.sqrt(70), 13);
    expect(s[1]).toBeLessThan(1e-14);
  });

  it('handles the zero matrix', () => {
    const s = expectSvd(mat(3, 2));
    expect(Array.from(s)).toEqual([0, 0]);
  });

  it.each([
    [1, 1],
    [1, 5],
    [5, 1],
    [2, 2],
    [7, 3],
    [3, 7],
    [33, 7],
    [7, 33],
    [33, 33],
  ])('factors a random %i×%i matrix, with s² the eigenvalues of AᵀA', (m, n) => {
    const a = randomMat(lcg(1000 + 37 * m + n), m, n);
    const s = expectSvd(a);
    // The k largest eigenvalues of the Gram matrix on the smaller side are s².
    const gram = m >= n ? multiply(transpose(a), a) : multiply(a, transpose(a));
    const lambda = eigh(gram).values.reverse();
    for (let j = 0; j < s.length; j++) expect(Math.abs(s[j] ** 2 - lambda[j])).toBeLessThan(1e-12 * lambda[0]);
  });

  it.each([
    [7, 5],
    [5, 7],
  ])('handles a random rank-2 %i×%i matrix', (m, n) => {
    const rand = lcg(2000 + m);
    const a = multiply(randomMat(rand, m, 2), randomMat(rand, 2, n));
    const s = expectSvd(a);
    expect(s[1]).toBeGreaterThan(1e-3);
    for (let j = 2; j < s.length; j++) expect(s[j]).toBeLessThan(1e-14 * s[0]);
  });

  it.each([1e-200, 1e200])('scales without overflow or underflow (A × %s)', (c) => {
    const a = randomMat(lcg(3000), 4, 3);
    const base = svd(a).s;
    const scaled = { ...a, data: a.data.map((v) => v * c) };
    const { s } = svd(scaled);
    for (let j = 0; j < 3; j++) expect(Math.abs(s[j] / c - base[j])).toBeLessThan(1e-13);
    expectSvd(scaled);
  });

  it('returns empty factors when a dimension is zero', () => {
    const { u, s, v } = svd(mat(0, 3));
    expect([u.rows, u.cols, s.length, v.rows, v.cols]).toEqual([0, 0, 0, 3, 0]);
  });

  it('refuses non-finite entries', () => {
    expectLinalgError(
      () => svd(fromRows([[1, NaN, 3]])),
      'svd: matrix has a non-finite entry: a[0][1] = NaN',
    );
  });
});
