import { kernelsSharedWasmBase64, kernelsWasmBase64 } from './generated/kernels-wasm';

/**
 * The exports of the compiled AssemblyScript kernels (src/wasm/assembly). Pointers are byte offsets
 * into `memory`; flags are 0 or 1.
 */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  /** First free byte past the module's static data, 16-byte aligned: where the arena starts. */
  heapBase(): number;
  /** Bytes of packed panels gemm needs for an m×n×k product of `size`-byte elements. */
  gemmWorkBytes(m: number, n: number, k: number, size: number): number;
  /**
   * Rows [row0, row1) and columns [col0, col1) (col0 a multiple of 8) of C_i[m×n] = op(A_{aStarts[i]})·op(B_{bStarts[i]}) for i in [batch0, batch1),
   * float32, row-major, op(X) = X or Xᵀ: a whole batched product, or one thread's share of it. C_i is
   * at c + i·m·n elements; aStarts / bStarts point at i32 matrix indices into A (m·k each) and B (k·n).
   */
  sgemmBatch(transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number, work: number,
    aStarts: number, bStarts: number, batch0: number, batch1: number, row0: number, row1: number, col0: number, col1: number): void;
  /**
   * One thread's share of y[i] = A·B_i, B_i[kk][j] = x[i·l + idx[kk·n + j]] (A m×k, idx i32 k×n), for i
   * in [batch0, batch1), rows [row0, row1), columns [col0, col1) (col0 a multiple of 8); y[i] at c + i·m·n elements. Float32.
   */
  sgemmGathered(m: number, n: number, k: number, l: number, a: number, x: number, idx: number, plan: number, c: number, work: number,
    batch0: number, batch1: number, row0: number, row1: number, col0: number, col1: number): void;
  /** `sgemmGathered` in float64. */
  dgemmGathered(m: number, n: number, k: number, l: number, a: number, x: number, idx: number, plan: number, c: number, work: number,
    batch0: number, batch1: number, row0: number, row1: number, col0: number, col1: number): void;
  /**
   * Checks whether the k × n indices at idx separate, idx[kk·n + p] = base[p] + off[kk] (or one index a
   * row), and writes the plan of `sgemmSeparable` (separablePlanBytes); the count of separable rows, or
   * −1 when they do not.
   */
  planSeparable(n: number, k: number, idx: number, plan: number, size: number): number;
  separablePlanBytes(n: number, k: number): number;
  /** Bytes of packed filters and scratch one share of `sgemmSeparable` needs. */
  separableWorkBytes(m: number, k: number, size: number): number;
  /** `sgemmGathered` for indices that separate (planSeparable's plan and count): the columns read straight from x, never packed. */
  sgemmSeparable(m: number, n: number, k: number, separable: number, l: number, a: number, x: number, plan: number, c: number, work: number,
    batch0: number, batch1: number, row0: number, row1: number, col0: number, col1: number): void;
  /** `sgemmSeparable` in float64. */
  dgemmSeparable(m: number, n: number, k: number, separable: number, l: number, a: number, x: number, plan: number, c: number, work: number,
    batch0: number, batch1: number, row0: number, row1: number, col0: number, col1: number): void;
  /**
   * The row tiles (4 consecutive positions of an output row) of n positions planned by planSeparable;
   * their count, or −1 when a row is shorter than 4 or strided.
   */
  planRowTiles(n: number, plan: number, tiles: number): number;
  /** `sgemmSeparable` for m ≤ 6 filters over planRowTiles' tiles, positions in the lanes; images [batch0, batch1). */
  sgemmSeparableRows(m: number, n: number, k: number, separable: number, l: number, a: number, x: number, plan: number, tiles: number, tileCount: number,
    c: number, work: number, batch0: number, batch1: number): void;
  /** Bytes of g packed by packGradientsF32 / F64 for the filter gradient. */
  separableGradWorkBytes(m: number, batch: number, positions: number, size: number): number;
  /** g [batch, m, positions], each image as panels of 8 filters (4 in float64), packed[i][q][p][j] = g[i][q·NR + j][p]. */
  packGradientsF32(m: number, batch: number, positions: number, g: number, dst: number): void;
  packGradientsF64(m: number, batch: number, positions: number, g: number, dst: number): void;
  /**
   * Columns order[t], t in [tap0, tap1), of y[m × k] = Σ_i g[i]·x[i][indices]ᵀ for separable indices
   * (planSeparable's plan and count), every filter; with `constants` also the constant rows. g packed.
   */
  sgemmSeparableGradA(m: number, batch: number, positions: number, k: number, separable: number, l: number, x: number, plan: number, packed: number, y: number,
    tap0: number, tap1: number, constants: number): void;
  dgemmSeparableGradA(m: number, batch: number, positions: number, k: number, separable: number, l: number, x: number, plan: number, packed: number, y: number,
    tap0: number, tap1: number, constants: number): void;
  /** `sgemmBatch` in float64. */
  dgemmBatch(transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number, work: number,
    aStarts: number, bStarts: number, batch0: number, batch1: number, row0: number, row1: number, col0: number, col1: number): void;
  /** Op codes of binaryF32/F64 and unaryF32/F64. */
  readonly ADD: WebAssembly.Global;
  readonly SUB: WebAssembly.Global;
  readonly MUL: WebAssembly.Global;
  readonly DIV: WebAssembly.Global;
  readonly MAX: WebAssembly.Global;
  readonly MIN: WebAssembly.Global;
  readonly GT: WebAssembly.Global;
  readonly GE: WebAssembly.Global;
  readonly LT: WebAssembly.Global;
  readonly LE: WebAssembly.Global;
  readonly EQ: WebAssembly.Global;
  readonly NE: WebAssembly.Global;
  readonly NEG: WebAssembly.Global;
  readonly RELU: WebAssembly.Global;
  readonly SQUARE: WebAssembly.Global;
  readonly ABS: WebAssembly.Global;
  readonly SQRT: WebAssembly.Global;
  /** y[r][c] = a[r·aRow + c·aCol] ∘ b[r·bRow + c·bCol], y dense rows × cols. */
  binaryF32(op: number, rows: number, cols: number, a: number, aRow: number, aCol: number, b: number, bRow: number, bCol: number, y: number): void;
  binaryF64(op: number, rows: number, cols: number, a: number, aRow: number, aCol: number, b: number, bRow: number, bCol: number, y: number): void;
  /** y[i] = f(x[i]), i < n. */
  unaryF32(op: number, n: number, x: number, y: number): void;
  unaryF64(op: number, n: number, x: number, y: number): void;
  /** y[c] = Σ_r x[r·cols + c], summed in float64 in row order. */
  sumRowsF32(rows: number, cols: number, x: number, y: number): void;
  sumRowsF64(rows: number, cols: number, x: number, y: number): void;
  sumTrailingF32(rows: number, cols: number, x: number, y: number): void;
  sumTrailingF64(rows: number, cols: number, x: number, y: number): void;
  /** y[o, i] = max (sign 1) or min (sign −1) over d < dim of x[o, d, i]; first of ties wins, NaN sticks. */
  extremumF32(sign: number, outer: number, dim: number, inner: number, x: number, y: number): void;
  extremumF64(sign: number, outer: number, dim: number, inner: number, x: number, y: number): void;
  padPlanes(planes: number, h: number, rowBytes: number, hp: number, outRowBytes: number, top: number, leftBytes: number, x: number, y: number): void;
  /** Copies `rows` runs of `bytes` bytes from src + r·srcStride to dst + r·dstStride (memory.copy each). */
  copyRows(rows: number, bytes: number, src: number, srcStride: number, dst: number, dstStride: number): void;
  planGathered(n: number, k: number, idx: number, plan: number, size: number): void;
  gatheredPlanBytes(n: number, k: number, size: number): number;
  extremum2F32(sign: number, outer: number, rows: number, mid: number, cols: number, x: number, y: number): void;
  extremum2F64(sign: number, outer: number, rows: number, mid: number, cols: number, x: number, y: number): void;
  /** y[o, j, i] = x[o, idx[j], i]: o < outer, j < count, i < inner; x has `dim` slots along the axis. */
  gatherF32(outer: number, dim: number, count: number, inner: number, x: number, idx: number, y: number): void;
  gatherF64(outer: number, dim: number, count: number, inner: number, x: number, idx: number, y: number): void;
  /** y[o, i] (int32) = the first d < dim where sign·x[o, d, i] is largest (NaN first); argmax sign 1, argmin −1. */
  argExtremumF32(sign: number, outer: number, dim: number, inner: number, x: number, y: number): void;
  argExtremumF64(sign: number, outer: number, dim: number, inner: number, x: number, y: number): void;
  /** y[r, l] = r·plane + windows[l, t*], t* the first largest of x[r, windows[l, 0…taps−1]] (the first NaN wins); y i32. */
  gatherArgmaxF32(rows: number, plane: number, count: number, taps: number, x: number, windows: number, y: number): void;
  gatherArgmaxF64(rows: number, plane: number, count: number, taps: number, x: number, windows: number, y: number): void;
  /** y[o, idx[j], i] += u[o, j, i] into `size` slots along the axis; y zeroed by the caller. */
  scatterAddF32(outer: number, size: number, count: number, inner: number, u: number, idx: number, y: number): void;
  scatterAddF64(outer: number, size: number, count: number, inner: number, u: number, idx: number, y: number): void;
  /** Adam in one pass (assembly/optimizer.ts); its float32 scalars at k; vMax / vMaxOut read and written only with `amsgrad` 1. */
  adamF32(n: number, g: number, m: number, v: number, vMax: number, u: number, mOut: number, vOut: number, vMaxOut: number, k: number, amsgrad: number): void;
  /** RMSprop in one pass; m / mOut only with `centered` 1. */
  rmsF32(n: number, g: number, s: number, m: number, u: number, sOut: number, mOut: number,
    alpha: number, rest: number, eps: number, centered: number, epsInsideSqrt: number): void;
  /** Momentum in one pass; u written only with `nesterov` 1. */
  traceF32(n: number, g: number, v: number, vOut: number, u: number, mu: number, nesterov: number): void;
  /** Dropout's mask from the keyed stream (k0, k1) (assembly/random.ts); the float32 scale at k. */
  dropoutMaskF32(n: number, k0: number, k1: number, threshold: number, x: number, hasX: number, k: number, y: number): void;
  /** base + std·z from the keyed stream (k0, k1), base = x[i] with `hasX` 1, else `mean`; the float32 [mean, std] at k. */
  normalF32(n: number, k0: number, k1: number, x: number, hasX: number, k: number, y: number): void;
  normScaleRowsF32(rows: number, cols: number, xCols: number, x: number, y: number, k: number, out: number, coef: number): void;
  normScaledNormalGradF32(rows: number, cols: number, xCols: number, k0: number, k1: number, g: number, x: number, coef: number, k: number, zs: number, dx: number): void;
  sumSquaresTrailingF32(rows: number, cols: number, x: number, y: number): void;
  /** 1 when every one of the n float32 (float64) at x is finite, else 0. */
  allFiniteF32(n: number, x: number): number;
  allFiniteF64(n: number, x: number): number;
}

function moduleBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function checkSupport(bytes: Uint8Array<ArrayBuffer>): void {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) {
    throw new Error('createWasmBackend: this JavaScript engine lacks WebAssembly SIMD (128-bit), which the wasm backend needs');
  }
}

/** Compiles and instantiates the kernels module (with a memory of its own). */
export async function instantiateKernels(): Promise<KernelExports> {
  const bytes = moduleBytes(kernelsWasmBase64);
  checkSupport(bytes);
  const { instance } = await WebAssembly.instantiate(bytes, {});
  return instance.exports as unknown as KernelExports;
}

/**
 * The same, synchronously. NOTE: browsers refuse synchronous compilation of modules over 4 KiB on
 * the main thread; this one is larger, so there use `instantiateKernels` (Node and workers are fine).
 */
export function instantiateKernelsSync(): KernelExports {
  const bytes = moduleBytes(kernelsWasmBase64);
  checkSupport(bytes);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as KernelExports;
}

/** Pages in a new shared memory (64 KiB each): 16 MiB, grown on demand up to SHARED_MAXIMUM_PAGES. */
const SHARED_INITIAL_PAGES = 256;
/** The maximum the shared module declares (scripts/build-wasm.mjs): all of wasm32's 4 GiB. */
const SHARED_MAXIMUM_PAGES = 65536;

/** The kernels over a shared memory: the compiled module (for worker threads to instantiate too) and the caller's instance. */
export interface SharedKernels {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
}

/**
 * Compiles the shared-memory variant of the kernels and instantiates it over a new shared memory
 * (synchronously: Node and workers only, as `instantiateKernelsSync`).
 */
export function instantiateSharedKernelsSync(): SharedKernels {
  const bytes = moduleBytes(kernelsSharedWasmBase64);
  checkSupport(bytes);
  return sharedInstance(new WebAssembly.Module(bytes));
}

/** `instantiateSharedKernelsSync`, compiling asynchronously (what a page's main thread may do). */
export async function instantiateSharedKernels(): Promise<SharedKernels> {
  const bytes = moduleBytes(kernelsSharedWasmBase64);
  checkSupport(bytes);
  return sharedInstance(await WebAssembly.compile(bytes));
}

function sharedInstance(module: WebAssembly.Module): SharedKernels {
  const memory = new WebAssembly.Memory({ initial: SHARED_INITIAL_PAGES, maximum: SHARED_MAXIMUM_PAGES, shared: true });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  // NOTE: the module re-exports the memory it imports, so `exports.memory` is `memory`, as the arena expects
  return { module, memory, exports: instance.exports as unknown as KernelExports };
}
