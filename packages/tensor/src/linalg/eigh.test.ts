import { describe, expect, it } from 'vitest';
import { eigh } from './eigh';
import { fromRows, identity, type Mat, mat, multiply, transpose } from './matrix';
import {
  diag,
  expectLinalgError,
  expectMatClose,
  expectOrthonormalColumns,
  lcg,
  maxAbs,
  randomMat,
  randomSymmetric,
} from './test-helpers';

/** A·V ≈ V·diag(λ), VᵀV ≈ I, λ ascending. */
function expectEigendecomposition(a: Mat, rtol = 1e-10): void {
  const { values, vectors } = eigh(a);
  for (let j = 1; j < values.length; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
  expectMatClose(multiply(a, vectors), multiply(vectors, diag(values)), { rtol, scale: maxAbs(a) || 1 });
  expectOrthonormalColumns(vectors, rtol);
}

describe('eigh', () => {
  it('decomposes a hand-checked 2×2 matrix', () => {
    // (2 − λ)² − 1 = 0 → λ = 1, 3; eigenvectors (1, −1)/√2 and (1, 1)/√2, up to sign
    const { values, vectors } = eigh(fromRows([[2, 1], [1, 2]]));
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    const v = vectors.data;
    const h = Math.SQRT1_2;
    expect(Math.abs(v[0])).toBeCloseTo(h, 14);
    expect(v[2]).toBeCloseTo(-v[0], 14); // column 0 ∝ (1, −1)
    expect(Math.abs(v[1])).toBeCloseTo(h, 14);
    expect(v[3]).toBeCloseTo(v[1], 14); // column 1 ∝ (1, 1)
  });

  it('gives the eigenvalues of the 3×3 second-difference matrix', () => {
    // Tridiagonal Toeplitz (−1, 2, −1): λ_k = 2 − 2·cos(kπ/4), k = 1, 2, 3 → 2 − √2, 2, 2 + √2
    const a = fromRows([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
    const { values } = eigh(a);
    expect(values[0]).toBeCloseTo(2 - Math.SQRT2, 14);
    expect(values[1]).toBeCloseTo(2, 14);
    expect(values[2]).toBeCloseTo(2 + Math.SQRT2, 14);
    expectEigendecomposition(a);
  });

  it('sorts the eigenvalues of a diagonal matrix, with unit-vector eigenvectors', () => {
    const { values, vectors } = eigh(diag([3, 1, 2]));
    expect(Array.from(values)).toEqual([1, 2, 3]);
    // λ = 1 is e₁, λ = 2 is e₂, λ = 3 is e₀
    expectMatClose(
      { ...vectors, data: vectors.data.map(Math.abs) },
      [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
      { rtol: 0 },
    );
  });

  it.each([1, 2, 7, 33])('gives A·V ≈ V·diag(λ) and VᵀV ≈ I for a random matrix (n = %i)', (n) => {
    const a = randomSymmetric(lcg(700 + n), n);
    expectEigendecomposition(a);
    // trace(A) = Σλ
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a.data[i * n + i];
    const sum = eigh(a).values.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - trace)).toBeLessThanOrEqual(1e-12 * n);
  });

  it('handles repeated eigenvalues: the all-ones matrix has 0 (×6) and 7', () => {
    // 𝟙𝟙ᵀ has rank 1 with eigenvalue 𝟙ᵀ𝟙 = 7; every vector ⟂ 𝟙 has eigenvalue 0
    const a = mat(7, 7, new Float64Array(49).fill(1));
    const { values } = eigh(a);
    for (let j = 0; j < 6; j++) expect(Math.abs(values[j])).toBeLessThan(1e-14);
    expect(values[6]).toBeCloseTo(7, 13);
    expectEigendecomposition(a);
  });

  it('handles a matrix with a cluster of equal eigenvalues: Q·diag(1, 1, 1, 2, 2)·Qᵀ', () => {
    const q = eigh(randomSymmetric(lcg(42), 5)).vectors; // a random orthogonal matrix
    const a = multiply(multiply(q, diag([1, 1, 1, 2, 2])), transpose(q));
    // Round-off leaves a symmetric to ~1e-16; symmetrize exactly for clarity
    for (let i = 0; i < 5; i++) for (let j = 0; j < i; j++) a.data[j * 5 + i] = a.data[i * 5 + j];
    const { values } = eigh(a);
    const expected = [1, 1, 1, 2, 2];
    for (let j = 0; j < 5; j++) expect(values[j]).toBeCloseTo(expected[j], 13);
    expectEigendecomposition(a);
  });

  it('returns the identity for the identity', () => {
    const { values, vectors } = eigh(identity(4));
    expect(Array.from(values)).toEqual([1, 1, 1, 1]);
    expectMatClose(vectors, identity(4), { rtol: 0 });
  });

  it.each([1e-150, 1e150])('scales without overflow or underflow (A × %s)', (c) => {
    const a = randomSymmetric(lcg(800), 7);
    const scaled = { ...a, data: a.data.map((v) => v * c) };
    const base = eigh(a).values;
    const { values } = eigh(scaled);
    for (let j = 0; j < 7; j++) expect(Math.abs(values[j] / c - base[j])).toBeLessThan(1e-12);
    expectEigendecomposition(scaled);
  });

  it('decomposes a 120×120 matrix (several Householder steps, many QL sweeps)', () => {
    expectEigendecomposition(randomSymmetric(lcg(900), 120));
  });

  it('accepts asymmetry within the tolerance and works on (A + Aᵀ)/2', () => {
    // |a01 − a10| = 2e-9 > 1e-10 · max|a| (the default); (A + Aᵀ)/2 = [[2, 1], [1, 2]] → λ = 1, 3
    const a = fromRows([[2, 1 + 1e-9], [1 - 1e-9, 2]]);
    expect(() => eigh(a)).toThrow('eigh: matrix is not symmetric');
    const { values } = eigh(a, { symmetryTolerance: 1e-8 });
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
  });

  it('returns empty results for the empty matrix', () => {
    const { values, vectors } = eigh(mat(0, 0));
    expect(values.length).toBe(0);
    expect([vectors.rows, vectors.cols]).toEqual([0, 0]);
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => eigh(randomMat(lcg(1), 2, 3)), 'eigh: matrix is not square: [2,3]');
  });

  it('refuses a matrix that is not symmetric', () => {
    expectLinalgError(
      () => eigh(fromRows([[1, 2], [3, 4]])),
      'eigh: matrix is not symmetric: a[0][1] = 2 but a[1][0] = 3',
    );
  });

  it('refuses non-finite entries', () => {
    expectLinalgError(
      () => eigh(fromRows([[1, Infinity], [Infinity, 1]])),
      'eigh: matrix has a non-finite entry: a[0][1] = Infinity',
    );
  });
});
