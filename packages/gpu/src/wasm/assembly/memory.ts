/** Where the caller's arena may start: past this module's static data, 16-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * Copies `rows` runs of `bytes` bytes, src + r·srcStride → dst + r·dstStride, each a memmove
 * (`memory.copy`): concat's and slice's moves within wasm memory. NOTE: on a shared memory, V8's
 * TypedArray copies (copyWithin, set) go element by element with relaxed atomics, ~4× slower than
 * memory.copy.
 */
export function copyRows(rows: i32, bytes: i32, src: usize, srcStride: i32, dst: usize, dstStride: i32): void {
  for (let r = 0; r < rows; r++) memory.copy(dst + <usize>r * <usize>dstStride, src + <usize>r * <usize>srcStride, <usize>bytes);
}
