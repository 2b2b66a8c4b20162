// Shared by the linalg tests only: not exported from index.ts.
import { expect } from 'vitest';
import { LinalgError } from './errors';
import { fromRows, type Mat, mat, multiply, transpose } from './matrix';

/** Numbers in [−1, 1) from a 32-bit LCG (Numerical Recipes' ranqd1), reproducible from `seed`. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

export function randomMat(rand: () => number, rows: number, cols: number): Mat {
  const m = mat(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rand();
  return m;
}

/** Exactly symmetric, entries in [−1, 1). */
export function randomSymmetric(rand: () => number, n: number): Mat {
  const m = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) m.data[i * n + j] = m.data[j * n + i] = rand();
  }
  return m;
}

/** B·Bᵀ + n·I: symmetric positive definite with eigenvalues in [n, ~2n]; exactly symmetric. */
export function randomSpd(rand: () => number, n: number): Mat {
  const b = randomMat(rand, n, n);
  const a = multiply(b, transpose(b));
  for (let i = 0; i < n; i++) {
    a.data[i * n + i] += n;
    for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j];
  }
  return a;
}

export function maxAbs(a: Mat | Float64Array): number {
  const data = 'data' in a ? a.data : a;
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]));
  return m;
}

/** diag(values) as a k×k matrix. */
export function diag(values: ArrayLike<number>): Mat {
  const k = values.length;
  const m = mat(k, k);
  for (let i = 0; i < k; i++) m.data[i * k + i] = values[i];
  return m;
}

/**
 * Same shape, and max|actual − expected| ≤ rtol · scale, where scale defaults to max|expected|
 * (1 for an all-zero `expected`).
 */
export function expectMatClose(
  actual: Mat,
  expected: Mat | readonly (readonly number[])[],
  { rtol = 1e-10, scale }: { rtol?: number; scale?: number } = {},
): void {
  const e = 'data' in expected ? expected : fromRows(expected);
  expect([actual.rows, actual.cols]).toEqual([e.rows, e.cols]);
  let diff = 0;
  for (let i = 0; i < e.data.length; i++) diff = Math.max(diff, Math.abs(actual.data[i] - e.data[i]));
  expect(diff).toBeLessThanOrEqual(rtol * (scale ?? (maxAbs(e) || 1)));
}

/** Columns of `q` orthonormal: QᵀQ ≈ I. */
export function expectOrthonormalColumns(q: Mat, rtol = 1e-10): void {
  const qtq = multiply(transpose(q), q);
  expectMatClose(qtq, diag(new Float64Array(q.cols).fill(1)), { rtol });
}

/** `fn` throws a LinalgError whose message is exactly `message`. */
export function expectLinalgError(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(LinalgError);
  expect((caught as Error).message).toBe(message);
}
