import { describe, it } from 'vitest';
import { inv } from './inverse';
import { fromRows, identity, mat, multiply } from './matrix';
import { expectLinalgError, expectMatClose, lcg, randomMat } from './test-helpers';

describe('inv', () => {
  it('inverts a hand-checked 2×2 matrix', () => {
    // det = 4·6 − 7·2 = 10; inverse = [[6, −7], [−2, 4]] / 10
    expectMatClose(inv(fromRows([[4, 7], [2, 6]])), [[0.6, -0.7], [-0.2, 0.4]]);
  });

  it.each([1, 2, 7, 33])('gives A·inv(A) ≈ I and inv(A)·A ≈ I (n = %i)', (n) => {
    const a = randomMat(lcg(400 + n), n, n);
    const ai = inv(a);
    expectMatClose(multiply(a, ai), identity(n));
    expectMatClose(multiply(ai, a), identity(n));
  });

  it('refuses a singular matrix', () => {
    expectLinalgError(() => inv(fromRows([[1, 2], [2, 4]])), 'inv: matrix is singular');
  });

  it('refuses a matrix that is not square', () => {
    expectLinalgError(() => inv(mat(2, 3)), 'inv: matrix is not square: [2,3]');
  });
});
