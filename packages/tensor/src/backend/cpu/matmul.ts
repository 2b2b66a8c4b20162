import type { Kernel } from '../backend';
import { allocate } from '../../dtype';
import { sizeOf } from '../../shape';
import { planRows } from './broadcast';
import { gemm } from './gemm';

/**
 * C = op(A)·op(B) over the last two axes; the leading (batch) axes broadcast. The front-end has
 * checked the shapes, so `out.shape` is [...batch, m, n].
 */
export const matmulKernel: Kernel<'matmul'> = ([a, b], { transposeA, transposeB }, out) => {
  const ad = a.data as Float32Array | Float64Array;
  const bd = b.data as Float32Array | Float64Array;
  const rank = out.shape.length;
  const m = out.shape[rank - 2];
  const n = out.shape[rank - 1];
  const k = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
  const c = allocate(out.dtype, sizeOf(out.shape)) as Float32Array | Float64Array;
  const batchShape = out.shape.slice(0, rank - 2);
  const batches = sizeOf(batchShape);
  if (batches === 0 || m === 0 || n === 0) return c;
  // NOTE: each matrix counts as one element of its batch, so the row planner gives batch offsets.
  const plan = planRows([...batchShape, 1], [
    [...a.shape.slice(0, -2), 1],
    [...b.shape.slice(0, -2), 1],
  ]);
  const [aStarts, bStarts] = plan.starts;
  for (let i = 0; i < batches; i++) {
    gemm(transposeA, transposeB, m, n, k, ad, aStarts[i] * m * k, bd, bStarts[i] * k * n, c, i * m * n);
  }
  return c;
};
