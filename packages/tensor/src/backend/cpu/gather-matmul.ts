import type { Kernel } from '../backend';
import { allocate } from '../../dtype';
import { gemm } from './gemm';

/**
 * y[n] = a·C[n] with C[n][k, p] = x[n, indices[k, p]]: each row's columns gathered into one scratch
 * matrix, then the same GEMM as matmul, so the result is bit for bit matmul(a, gather(x, indices, 1)).
 */
export const gatherMatmulKernel: Kernel<'gatherMatmul'> = ([a, x, indices], _, out) => {
  const [n, m, p] = out.shape;
  const k = a.shape[1];
  const l = x.shape[1];
  const ad = a.data as Float32Array | Float64Array;
  const xd = x.data as Float32Array | Float64Array;
  const idx = indices.data as Int32Array;
  const y = allocate(out.dtype, n * m * p) as Float32Array | Float64Array;
  const cols = allocate(out.dtype, k * p) as Float32Array | Float64Array;
  for (let i = 0; i < n; i++) {
    const base = i * l;
    for (let j = 0; j < idx.length; j++) cols[j] = xd[base + idx[j]];
    gemm(false, false, m, p, k, ad, 0, cols, 0, y, i * m * p);
  }
  return y;
};
