import { type StoragePool, type TypedArray, createStoragePool } from '@nn/tensor';
import type { KernelExports } from './kernels-module';

/**
 * The wasm memory past the module's static data, used as one scratch arena: each kernel call lays out
 * its operands from `base` up, so nothing is allocated or freed per call. Memory only grows (to the
 * largest call so far); typed views over it are rebuilt after each growth, which detaches the old ones.
 */
export interface Arena {
  /** Byte offset of the first arena byte (16-byte aligned). */
  readonly base: number;
  /** Grows the memory so that bytes [0, end) exist; false when it cannot (wasm32 stops at 4 GiB). */
  reserve(end: number): boolean;
  /** Views over the whole memory; valid until the next `reserve`. */
  f32(): Float32Array;
  f64(): Float64Array;
  i32(): Int32Array;
  /**
   * A kernel's result: `length` elements of `size` bytes (4: float32, 8: float64) from byte `ptr`,
   * copied into a host array from the backend's pool (a recycled one when a disposed tensor left one
   * of that length, else a new one).
   */
  copyOut(ptr: number, length: number, size: 4 | 8): TypedArray;
}

const PAGE = 65536;
/** wasm32 addresses 4 GiB; stay a page short of it. */
const MAX_BYTES = 65535 * PAGE;

/** `pool` gives the result arrays (several arenas of one backend share its pool). */
export function createArena(exports: KernelExports, pool: StoragePool = createStoragePool()): Arena {
  const { memory } = exports;
  let buffer = memory.buffer;
  let f32 = new Float32Array(buffer);
  let f64 = new Float64Array(buffer);
  let i32 = new Int32Array(buffer);
  const refresh = () => {
    if (memory.buffer === buffer) return;
    buffer = memory.buffer;
    f32 = new Float32Array(buffer);
    f64 = new Float64Array(buffer);
    i32 = new Int32Array(buffer);
  };
  return {
    base: exports.heapBase(),
    reserve(end) {
      const have = memory.buffer.byteLength;
      if (end <= have) return true;
      if (end > MAX_BYTES) return false;
      // NOTE: at least doubles, so a run of growing calls costs O(log size) grows, not one per call.
      const pages = Math.ceil(Math.min(Math.max(end, 2 * have), MAX_BYTES) / PAGE) - have / PAGE;
      try {
        memory.grow(pages);
      } catch {
        try {
          memory.grow(Math.ceil(end / PAGE) - have / PAGE);
        } catch {
          return false;
        }
      }
      refresh();
      return true;
    },
    f32: () => f32,
    f64: () => f64,
    i32: () => i32,
    copyOut(ptr, length, size) {
      const y = pool.take(size === 4 ? 'float32' : 'float64', length);
      y.set((size === 4 ? f32 : f64).subarray(ptr / size, ptr / size + length));
      return y;
    },
  };
}

/** x rounded up to a multiple of 64 bytes (a cache line, so each operand starts on one). */
export function align(x: number): number {
  return Math.ceil(x / 64) * 64;
}
