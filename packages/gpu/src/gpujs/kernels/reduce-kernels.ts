import type { KernelArray, KernelThis } from './kernel-this';

/*
 * Reductions over the middle axis of x viewed as [outer, r, inner]: thread (x, y, z) = (inner index,
 * chunk, outer index), and each thread reduces `chunk` consecutive elements of the middle axis
 * (fewer in the last chunk). With chunk ≥ r that is the whole axis; otherwise the host runs the kernel
 * again on the partial results, which keeps every loop short on a GPU and the float32 sums accurate.
 */

export function sumKernel(this: KernelThis, x: KernelArray, r: number, inner: number, chunk: number): number {
  const start = this.thread.y * chunk;
  const count = Math.min(chunk, r - start);
  let i = (this.thread.z * r + start) * inner + this.thread.x;
  let acc = 0;
  for (let t = 0; t < count; t++) {
    acc += x[i];
    i += inner;
  }
  return acc;
}

/** Largest element; a NaN wins, as on the CPU backend (where the GPU's comparisons honor NaN). */
export function maxKernel(this: KernelThis, x: KernelArray, r: number, inner: number, chunk: number): number {
  const start = this.thread.y * chunk;
  const count = Math.min(chunk, r - start);
  let i = (this.thread.z * r + start) * inner + this.thread.x;
  let best = x[i];
  for (let t = 1; t < count; t++) {
    i += inner;
    const v = x[i];
    if (v > best || v !== v) {
      best = v;
    }
  }
  return best;
}

/** Smallest element; a NaN wins. */
export function minKernel(this: KernelThis, x: KernelArray, r: number, inner: number, chunk: number): number {
  const start = this.thread.y * chunk;
  const count = Math.min(chunk, r - start);
  let i = (this.thread.z * r + start) * inner + this.thread.x;
  let best = x[i];
  for (let t = 1; t < count; t++) {
    i += inner;
    const v = x[i];
    if (v < best || v !== v) {
      best = v;
    }
  }
  return best;
}
