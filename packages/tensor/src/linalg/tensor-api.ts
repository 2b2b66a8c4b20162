import { type FloatDType, assertFloat } from '../dtype';
import { ShapeError, formatShape } from '../errors';
import { fromTypedArray } from '../ops/creation';
import { assertTensor } from '../ops/convert';
import type { Tensor } from '../tensor';
import * as raw from './index';

/**
 * Tensor-level dense linear algebra on 2-D float tensors. Every routine computes in float64 and returns
 * tensors of its input's dtype. These are not differentiable: they serve PCA whitening, Gaussian
 * processes and Newton steps, which use their results as constants.
 */
function toMat(op: string, a: Tensor, what = 'matrix'): raw.Mat {
  assertTensor(op, a, what);
  assertFloat(op, a.dtype, what);
  if (a.rank !== 2) throw new ShapeError(op, `expected a 2-D ${what}, got shape ${formatShape(a.shape)}`);
  return { rows: a.shape[0], cols: a.shape[1], data: Float64Array.from(a.dataSync()) };
}

function fromMat(m: raw.Mat, dtype: FloatDType): Tensor {
  return fromTypedArray(dtype === 'float64' ? m.data : Float32Array.from(m.data), [m.rows, m.cols], dtype);
}

function vector(values: Float64Array, dtype: FloatDType): Tensor {
  return fromTypedArray(dtype === 'float64' ? values : Float32Array.from(values), [values.length], dtype);
}

/** Lower-triangular L with A = L·Lᵀ for a symmetric positive definite A. */
export function cholesky(a: Tensor): Tensor {
  return fromMat(raw.cholesky(toMat('cholesky', a)), a.dtype as FloatDType);
}

/** X with op(T)·X = B for triangular T (lower by default; `transpose` solves with Tᵀ). B may be a vector. */
export function solveTriangular(t: Tensor, b: Tensor, options: raw.SolveTriangularOptions = {}): Tensor {
  return solveWith('solveTriangular', t, b, (m, rhs) => raw.solveTriangular(m, rhs, options));
}

/** X with A·X = B for a square A, by LU with partial pivoting. B may be a vector. */
export function solve(a: Tensor, b: Tensor): Tensor {
  return solveWith('solve', a, b, raw.solve);
}

function solveWith(op: string, a: Tensor, b: Tensor, fn: (a: raw.Mat, b: raw.Mat) => raw.Mat): Tensor {
  const m = toMat(op, a);
  assertTensor(op, b, 'right-hand side');
  const isVector = b.rank === 1;
  const rhs = isVector ? { rows: b.size, cols: 1, data: Float64Array.from(b.dataSync()) } : toMat(op, b, 'right-hand side');
  const x = fromMat(fn(m, rhs), a.dtype as FloatDType);
  return isVector ? fromTypedArray(x.dataSync(), [b.size], a.dtype) : x;
}

/** A⁻¹ of a square, non-singular A. */
export function inv(a: Tensor): Tensor {
  return fromMat(raw.inv(toMat('inv', a)), a.dtype as FloatDType);
}

/** det A, by LU. */
export function det(a: Tensor): number {
  return raw.det(toMat('det', a));
}

/** sign(det A) and log |det A|, without overflow for large matrices. */
export function slogdet(a: Tensor): raw.SlogdetResult {
  return raw.slogdet(toMat('slogdet', a));
}

/** Eigenvalues (ascending) and eigenvectors (the columns of `vectors`) of a symmetric A. */
export function eigh(a: Tensor): { values: Tensor; vectors: Tensor } {
  const { values, vectors } = raw.eigh(toMat('eigh', a));
  const dtype = a.dtype as FloatDType;
  return { values: vector(values, dtype), vectors: fromMat(vectors, dtype) };
}

/** Thin SVD A = U·diag(s)·Vᵀ with s descending; U is m×k, V is n×k, k = min(m, n). */
export function svd(a: Tensor): { u: Tensor; s: Tensor; v: Tensor } {
  const { u, s, v } = raw.svd(toMat('svd', a));
  const dtype = a.dtype as FloatDType;
  return { u: fromMat(u, dtype), s: vector(s, dtype), v: fromMat(v, dtype) };
}
