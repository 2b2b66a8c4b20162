import { runPrimitive } from '../autodiff/run-primitive';
import { assertFloat, assertSameDType } from '../dtype';
import { ShapeError, formatShape } from '../errors';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { toIndices } from './indices';

/**
 * y[m, k] = Σ_n Σ_p g[n, m, p] · x[n, indices[k, p]]: the gradient of `gatherMatmul(a, x, indices)`
 * with respect to a, for the output gradient g — a convolution's filter gradient (TensorFlow's
 * Conv2DBackpropFilter), Σ_n g[n]·C[n]ᵀ over the gathered columns C[n] of each row of x. g is
 * [N, M, P], x is [N, L], indices are int32 [K, P] in [0, L); y is [M, K]. The same as
 * `sum(matmul(g, gather(x, indices, 1), { transposeB: true }), 0)`, value and gradient, without the
 * [N, K, P] columns or the [N, M, K] products in between: the wasm backend reads a convolution's
 * columns straight from x and sums over the batch in its registers.
 */
export function gatherMatmulGradA(g: Tensor, x: Tensor, indices: Tensor): Tensor {
  const op = 'gatherMatmulGradA';
  assertTensor(op, g, 'g');
  assertTensor(op, x, 'x');
  assertFloat(op, assertSameDType(op, [g.dtype, x.dtype]));
  if (g.rank !== 3) throw new ShapeError(op, `expected g of shape [N, M, P], got ${formatShape(g.shape)}`);
  if (x.rank !== 2 || x.shape[0] !== g.shape[0]) {
    throw new ShapeError(op, `expected x of shape [N, L] with N = ${g.shape[0]} (the rows of g ${formatShape(g.shape)}), got ${formatShape(x.shape)}`);
  }
  const idx = toIndices(op, indices, x.shape[1]);
  if (idx.rank !== 2 || idx.shape[1] !== g.shape[2]) {
    throw new ShapeError(op, `expected indices of shape [K, P] with P = ${g.shape[2]} (the last axis of g ${formatShape(g.shape)}), got ${formatShape(idx.shape)}`);
  }
  return runPrimitive(op, [g, x, idx], {}, [g.shape[1], idx.shape[0]], g.dtype);
}
