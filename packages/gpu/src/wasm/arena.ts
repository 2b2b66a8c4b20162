import { type DType, type StoragePool, type TypedArray, createStoragePool } from '@nn/tensor';
import type { KernelExports } from './kernels-module';

/**
 * A tensor's elements kept in a wasm memory between kernels (see `Arena.begin`'s `resident`): the
 * next kernel reads them where they are instead of copying them in, and nothing is copied out. Only
 * results made inside a `tidy` scope live here, since only those are sure to be disposed (or moved to
 * host memory, `Backend.evict`, when they outlive the scope).
 */
export class WasmResident {
  live = true;
  constructor(
    readonly arena: Arena,
    /** Byte offset in the arena's memory. */
    readonly ptr: number,
    readonly length: number,
    readonly dtype: DType,
  ) {}

  /** A view of the elements; valid until the memory next grows (a private memory detaches its views). */
  view(): TypedArray {
    const { buffer } = this.arena.memory;
    if (this.dtype === 'float32') return new Float32Array(buffer, this.ptr, this.length);
    if (this.dtype === 'float64') return new Float64Array(buffer, this.ptr, this.length);
    return new Int32Array(buffer, this.ptr, this.length);
  }
}

export function isResident(data: unknown): data is WasmResident {
  return data instanceof WasmResident;
}

/** The layout of one kernel call: its operands' offsets, and what to free when it ends. */
export interface ArenaCall {
  /** Offset of `data`'s elements: a resident tensor of this arena where it is, anything else copied into scratch. */
  input(data: unknown): number;
  /** Offset of the output, `length` elements of `dtype`: a new resident block, or scratch copied out by `finish`. */
  output(length: number, dtype: DType): number;
  /** `bytes` of scratch (packing buffers, index tables). */
  scratch(bytes: number): number;
  /** False once an allocation failed (wasm32 stops at 4 GiB): call `abort` and use another kernel. */
  readonly ok: boolean;
  /** Frees the scratch and returns the output's storage: the resident block, or a host array. */
  finish(): unknown;
  /** Frees everything this call allocated. */
  abort(): void;
}

/**
 * The wasm memory past the module's static data, managed in blocks of 64-byte multiples: a kernel call
 * takes scratch for its operands and frees it when it ends; resident results hold theirs until
 * disposed. Freed blocks are reused for requests of the same size, and the topmost ones are given back
 * to the bump pointer, so a loop of same-sized calls reuses the same memory. The memory only grows.
 */
export interface Arena {
  readonly memory: WebAssembly.Memory;
  /** Starts laying out a call (its output stays in this memory when `residentOutputs()` says so). */
  begin(): ArenaCall;
  /** Whether a call begun now keeps its result in this memory. */
  residentOutputs(): boolean;
  /** Views over the whole memory; valid until the next allocation. */
  f32(): Float32Array;
  f64(): Float64Array;
  i32(): Int32Array;
  /** Frees a resident block (idempotent). */
  release(resident: WasmResident): void;
  /** Bytes in use: live residents and scratch (for tests). */
  readonly usedBytes: number;
}

/** What a call needs of its arena's inside. */
interface ArenaInternals {
  readonly arena: Arena;
  /** A block of `bytes` (a multiple of 64), or -1 when the memory cannot hold it. */
  allocate(bytes: number): number;
  free(ptr: number, bytes: number): void;
  /** The view of the whole memory for `dtype`, valid until the next allocation. */
  view(dtype: DType): TypedArray;
  readonly pool: StoragePool;
}

/**
 * One call's layout (`Arena.begin`). A class of its own, one for every arena, rather than an object of
 * closures made per call: a training step makes hundreds of calls, and the closures were a measurable
 * share of a small op's cost (allocation and garbage collection).
 */
class Call implements ArenaCall {
  /** [ptr, bytes, ptr, bytes, …] of the scratch blocks taken, freed last first. */
  private readonly taken: number[] = [];
  private good = true;
  private out: { ptr: number; length: number; dtype: DType; bytes: number } | undefined = undefined;
  /** Whether `out` is a resident block (allocated apart from `taken`). */
  private residentBlock = false;

  constructor(private readonly inner: ArenaInternals, private readonly resident: boolean) {}

  get ok(): boolean {
    return this.good;
  }

  scratch(bytes: number): number {
    if (!this.good) return 0;
    const rounded = align(Math.max(bytes, 1));
    const ptr = this.inner.allocate(rounded);
    if (ptr < 0) {
      this.good = false;
      return 0;
    }
    this.taken.push(ptr, rounded);
    return ptr;
  }

  input(data: unknown): number {
    if (data instanceof WasmResident && data.arena === this.inner.arena && data.live) return data.ptr;
    const values = data instanceof WasmResident ? data.view() : (data as TypedArray);
    const ptr = this.scratch(values.byteLength);
    if (!this.good) return 0;
    const dtype = values instanceof Float32Array ? 'float32' : values instanceof Float64Array ? 'float64' : 'int32';
    this.inner.view(dtype).set(values, ptr / values.BYTES_PER_ELEMENT);
    return ptr;
  }

  output(length: number, dtype: DType): number {
    const bytes = align(Math.max(length * bytesOf(dtype), 1));
    if (!this.resident) {
      const ptr = this.scratch(bytes);
      this.out = { ptr, length, dtype, bytes };
      return ptr;
    }
    if (!this.good) return 0;
    const ptr = this.inner.allocate(bytes);
    if (ptr < 0) {
      this.good = false;
      return 0;
    }
    this.out = { ptr, length, dtype, bytes };
    this.residentBlock = true;
    return ptr;
  }

  finish(): unknown {
    const o = this.out!;
    if (this.resident) {
      this.freeTaken();
      return new WasmResident(this.inner.arena, o.ptr, o.length, o.dtype);
    }
    const y = this.inner.pool.take(o.dtype, o.length);
    const size = bytesOf(o.dtype);
    y.set(this.inner.view(o.dtype).subarray(o.ptr / size, o.ptr / size + o.length));
    this.freeTaken();
    return y;
  }

  abort(): void {
    this.freeTaken();
    if (this.residentBlock) this.inner.free(this.out!.ptr, this.out!.bytes);
    this.residentBlock = false;
    this.out = undefined;
  }

  private freeTaken(): void {
    // NOTE: last first, so that the blocks go straight back to the top.
    const taken = this.taken;
    for (let i = taken.length - 2; i >= 0; i -= 2) this.inner.free(taken[i], taken[i + 1]);
    taken.length = 0;
  }
}

const bytesOf = (dtype: DType) => (dtype === 'float64' ? 8 : 4);

const PAGE = 65536;
/** wasm32 addresses 4 GiB; stay a page short of it. */
const MAX_BYTES = 65535 * PAGE;

/**
 * `pool` gives the host arrays of results copied out (several arenas of one backend share it);
 * `residentOutputs` says, per call, whether the result may stay in wasm memory (default: never).
 */
export function createArena(exports: KernelExports, pool: StoragePool = createStoragePool(), residentOutputs: () => boolean = () => false): Arena {
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
  const base = align(exports.heapBase());
  let top = base;
  let usedBytes = 0;
  /** Free blocks by size, and by end offset (to give the topmost back to `top`). */
  const freeBySize = new Map<number, number[]>();
  const freeByEnd = new Map<number, number>();

  const reserve = (end: number): boolean => {
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
  };
  /** A block of `bytes` (a multiple of 64), or -1 when the memory cannot hold it. */
  const allocate = (bytes: number): number => {
    const reuse = freeBySize.get(bytes)?.pop();
    if (reuse !== undefined) {
      freeByEnd.delete(reuse + bytes);
      usedBytes += bytes;
      return reuse;
    }
    if (!reserve(top + bytes)) return -1;
    const ptr = top;
    top += bytes;
    usedBytes += bytes;
    return ptr;
  };
  const free = (ptr: number, bytes: number): void => {
    usedBytes -= bytes;
    if (ptr + bytes !== top) {
      const list = freeBySize.get(bytes);
      if (list === undefined) freeBySize.set(bytes, [ptr]);
      else list.push(ptr);
      freeByEnd.set(ptr + bytes, bytes);
      return;
    }
    top = ptr;
    // the free blocks now ending at the top go back to it too
    for (let below = freeByEnd.get(top); below !== undefined; below = freeByEnd.get(top)) {
      freeByEnd.delete(top);
      top -= below;
      const list = freeBySize.get(below)!;
      list.splice(list.lastIndexOf(top), 1);
    }
  };
  const viewOf = (dtype: DType) => (dtype === 'float32' ? f32 : dtype === 'float64' ? f64 : i32);

  const arena: Arena = {
    memory,
    begin: () => new Call(internals, residentOutputs()),
    residentOutputs,
    f32: () => f32,
    f64: () => f64,
    i32: () => i32,
    release(r) {
      if (!r.live) return;
      r.live = false;
      free(r.ptr, align(Math.max(r.length * bytesOf(r.dtype), 1)));
    },
    get usedBytes() {
      return usedBytes;
    },
  };
  const internals: ArenaInternals = { arena, allocate, free, view: viewOf, pool };
  return arena;
}

/** x rounded up to a multiple of 64 bytes (a cache line, so each operand starts on one). */
export function align(x: number): number {
  return Math.ceil(x / 64) * 64;
}
