import type { Kernel } from '../backend';
import { allocate } from '../../dtype';
import { gemm } from './gemm';

/**
 * y = Σ_n g[n]·C[n]ᵀ with C[n][k, p] = x[n, indices[k, p]]: each row's columns gathered into one scratch
 * matrix, the product by the same GEMM as matmul (transposed B), and the products summed over n in
 * float64 in row order, as the sum kernel sums: bit for bit sum(matmul(g, gather(x, indices, 1),
 * { transposeB: true }), 0).
 */
export const gatherMatmulGradAKernel: Kernel<'gatherMatmulGradA'> = ([g, x, indices], _, out) => {
  const [m, k] = out.shape;
  const [n, , p] = g.shape;
  const l = x.shape[1];
  const gd = g.data as Float32Array | Float64Array;
  const xd = x.data as Float32Array | Float64Array;
  const idx = indices.data as Int32Array;
  const cols = allocate(out.dtype, k * p) as Float32Array | Float64Array;
  const product = allocate(out.dtype, m * k) as Float32Array | Float64Array;
  const total = new Float64Array(m * k);
  for (let i = 0; i < n; i++) {
    const base = i * l;
    for (let j = 0; j < idx.length; j++) cols[j] = xd[base + idx[j]];
    gemm(false, true, m, k, p, gd, i * m * p, cols, 0, product, 0);
    for (let j = 0; j < total.length; j++) total[j] += product[j];
  }
  const y = allocate(out.dtype, m * k) as Float32Array | Float64Array;
  y.set(total);
  return y;
};
