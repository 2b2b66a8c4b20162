import type { KernelArray, KernelThis } from './kernel-this';

/**
 * C[z, i, j] = Σₜ A[z, i, t]·B[z, t, j] with thread (x, y, z) = (j, i, batch).
 *
 * Every layout is a stride: A's element (i, t) is at aRow·i + aCol·t (aRow = k, aCol = 1 as stored;
 * aRow = 1, aCol = m when transposed), B's (t, j) at bRow·t + bCol·j. The batch index splits into
 * (z₀, z₁) with z₁ < nb1 and each operand steps aZ0·z₀ + aZ1·z₁, a stride of 0 along a broadcast
 * batch axis. NOTE: z₀ = floor((z + ½)/nb1), not floor(z/nb1): GLSL computes the quotient in float
 * and may land just below an exact integer.
 */
export function matmulKernel(
  this: KernelThis,
  a: KernelArray, b: KernelArray,
  k: number, aRow: number, aCol: number, bRow: number, bCol: number,
  nb1: number, aZ0: number, aZ1: number, bZ0: number, bZ1: number,
): number {
  const z0 = Math.floor((this.thread.z + 0.5) / nb1);
  const z1 = this.thread.z - z0 * nb1;
  let ia = z0 * aZ0 + z1 * aZ1 + this.thread.y * aRow;
  let ib = z0 * bZ0 + z1 * bZ1 + this.thread.x * bCol;
  let acc = 0;
  // NOTE: stepped indices rather than a[base + t·aCol]: 2–3× faster in gpu.js's WebAssembly kernels.
  for (let t = 0; t < k; t++) {
    acc += a[ia] * b[ib];
    ia += aCol;
    ib += bRow;
  }
  return acc;
}
