import type { KernelArray, KernelThis } from './kernel-this';

/**
 * y[z, y, x] = x[offset + z·sz + y·sy + x·sx]: broadcastTo, permute, slice and friends, once the host
 * has merged the output's axes into at most three.
 */
export function stridedCopyKernel(this: KernelThis, x: KernelArray, offset: number, sz: number, sy: number, sx: number): number {
  return x[offset + this.thread.z * sz + this.thread.y * sy + this.thread.x * sx];
}

/** where(c, a, b) = a where c ≠ 0, else b; all three strided as in the binary kernels. */
export function whereKernel(
  this: KernelThis,
  c: KernelArray, a: KernelArray, b: KernelArray,
  cz: number, cy: number, cx: number, az: number, ay: number, ax: number, bz: number, by: number, bx: number,
): number {
  const cond = c[this.thread.z * cz + this.thread.y * cy + this.thread.x * cx];
  return cond !== 0 ? a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] : b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx];
}
