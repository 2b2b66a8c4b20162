import { runPrimitive } from '../autodiff/run-primitive';
import { assertFloat, assertSameDType } from '../dtype';
import { ShapeError, formatShape } from '../errors';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { toIndices } from './indices';

/**
 * y[n, m, p] = Σ_k a[m, k] · x[n, indices[k, p]]: for each row of x, the matrix of the entries that
 * `indices` picks from it, multiplied by a. a is [M, K], x is [N, L], indices are int32 [K, P] in
 * [0, L); y is [N, M, P]. The same as `matmul(a, gather(x, indices, 1))`, value and gradient, without
 * the [N, K, P] columns in between: a convolution by im2col (x a batch of flattened images, indices
 * the window positions) is one call, and the wasm backend packs the gathered columns straight into
 * its GEMM panels.
 * @see K. Chellapilla, S. Puri, P. Simard, "High performance convolutional neural networks for document processing", IWFHR 2006 (im2col)
 */
export function gatherMatmul(a: Tensor, x: Tensor, indices: Tensor): Tensor {
  const op = 'gatherMatmul';
  assertTensor(op, a, 'a');
  assertTensor(op, x, 'x');
  assertFloat(op, assertSameDType(op, [a.dtype, x.dtype]));
  if (a.rank !== 2) throw new ShapeError(op, `expected a of shape [M, K], got ${formatShape(a.shape)}`);
  if (x.rank !== 2) throw new ShapeError(op, `expected x of shape [N, L], got ${formatShape(x.shape)}`);
  const idx = toIndices(op, indices, x.shape[1]);
  if (idx.rank !== 2 || idx.shape[0] !== a.shape[1]) {
    throw new ShapeError(op, `expected indices of shape [K, P] with K = ${a.shape[1]} (the columns of a ${formatShape(a.shape)}), got ${formatShape(idx.shape)}`);
  }
  return runPrimitive(op, [a, x, idx], {}, [x.shape[0], a.shape[0], idx.shape[1]], a.dtype);
}
