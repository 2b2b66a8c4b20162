import { describe, expect, it } from 'vitest';
import { cholesky } from './cholesky';
import { fromRows, mat, multiply, transpose } from './matrix';
import { expectLinalgError, expectMatClose, lcg, randomSpd } from './test-helpers';

describe('cholesky', () => {
  it('factors a hand-checked 2×2 matrix', () => {
    // l11 = √4 = 2, l21 = 2/2 = 1, l22 = √(3 − 1²) = √2
    expectMatClose(cholesky(fromRows([[4, 2], [2, 3]])), [[2, 0], [1, Math.SQRT2]]);
  });

  it('factors a hand-checked 3×3 matrix', () => {
    // l11 = √4 = 2, l21 = 12/2 = 6, l31 = −16/2 = −8,
    // l22 = √(37 − 6²) = 1, l32 = (−43 − (−8)(6))/1 = 5, l33 = √(98 − 8² − 5²) = 3
    const a = fromRows([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]);
    expectMatClose(cholesky(a), [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]);
  });

  it.each([1, 2, 7, 33])('gives a lower-triangular L with L·Lᵀ ≈ A (n = %i)', (n) => {
    const a = randomSpd(lcg(n), n);
    const l = cholesky(a);
    for (let i = 0; i < n; i++) {
      expect(l.data[i * n + i]).toBeGreaterThan(0);
      for (let j = i + 1; j < n; j++) expect(l.data[i * n + j]).toBe(0);
    }
    expectMatClose(multiply(l, transpose(l)), a);
  });

  it('returns an empty factor for an empty matrix', () => {
    expect(cholesky(mat(0, 0)).data.length).toBe(0);
  });

  it('accepts asymmetry within the tolerance and rejects it beyond', () => {
    // Taken as (A + Aᵀ)/2: l21 = (2 + 1e-13/2)/2 = 1 + 2.5e-14, l22 = √(3 − l21²)
    const a = fromRows([[4, 2], [2 + 1e-13, 3]]);
    const l21 = 1 + 2.5e-14;
    expectMatClose(cholesky(a), [[2, 0], [l21, Math.sqrt(3 - l21 ** 2)]], { rtol: 1e-15 });
    expect(() => cholesky(a, { symmetryTolerance: 1e-15 })).toThrow('cholesky: matrix is not symmetric');
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => cholesky(mat(2, 3)), 'cholesky: matrix is not square: [2,3]');
  });

  it('refuses an indefinite matrix, naming the pivot', () => {
    // l11 = 1, l21 = 2, pivot 1 is 1 − 2² = −3
    expectLinalgError(
      () => cholesky(fromRows([[1, 2], [2, 1]])),
      'cholesky: matrix is not positive definite: pivot at row 1 is -3',
    );
  });

  it('refuses a semidefinite matrix (a zero pivot)', () => {
    // l11 = 1, l21 = 1, pivot 1 is 1 − 1² = 0; strict: no jitter
    expectLinalgError(
      () => cholesky(fromRows([[1, 1], [1, 1]])),
      'cholesky: matrix is not positive definite: pivot at row 1 is 0',
    );
  });

  it('refuses a matrix that is not symmetric', () => {
    expectLinalgError(
      () => cholesky(fromRows([[2, 1], [0, 2]])),
      'cholesky: matrix is not symmetric: a[0][1] = 1 but a[1][0] = 0',
    );
  });

  it('refuses non-finite entries', () => {
    expectLinalgError(
      () => cholesky(fromRows([[1, 0], [0, NaN]])),
      'cholesky: matrix has a non-finite entry: a[1][1] = NaN',
    );
  });
});
