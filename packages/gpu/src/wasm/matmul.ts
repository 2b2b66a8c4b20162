import { type Kernel, planRows, sizeOf } from '@nn/tensor';
import { type Arena, align } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';
import { type GemmThreads, type Share, runShare } from './gemm-threads';
import { SHARES_PER_THREAD } from './thread-protocol';

/**
 * The shared-memory instance of the kernels with its own arena, and the helper threads that run over it:
 * products split between threads are laid out there; everything else stays on the private instance,
 * because copying into and out of a SharedArrayBuffer measured up to 1.6× slower than into private
 * memory (V8 copies shared memory with relaxed atomics).
 */
export interface Threaded {
  readonly wasm: KernelExports;
  readonly arena: Arena;
  readonly threads: GemmThreads;
}

/**
 * Products with fewer outputs than this per matrix stay in JS when k is large: a dot product or a
 * skinny gemv fills a fraction of one 4×8 register tile, and packing k rows of zero padding made
 * 1×1×10000 three times slower than the JS loop. NOTE: there is no size crossover otherwise: the wasm
 * path measured faster at every size down to 1×1×1 (0.3 µs against 1 µs for the JS gemm's set-up).
 */
const SKINNY_OUTPUT = 8;
const SKINNY_DEPTH = 64;

/**
 * Products with fewer multiply-adds than this stay on the calling thread: below it, waking the helper
 * threads and waiting for them costs more than the share they take (measured crossover:
 * scripts/measure-thread-crossover.ts, README "Threads").
 */
export const THREADED_MIN_MACS = 1 << 19;

/** Rows of C per thread are a multiple of the micro-kernel's 4 rows, so no thread computes a ragged tile it need not. */
const ROW_QUANTUM = 4;
/** Columns per thread are a multiple of the micro-kernel's 8 float32 columns (two float64 panels of 4). */
const COLUMN_QUANTUM = 8;

/** Which rows and columns of which matrices of a batched product each thread computes. */
export interface ShareRange {
  readonly batch0: number;
  readonly batch1: number;
  readonly row0: number;
  readonly row1: number;
  readonly col0: number;
  readonly col1: number;
}

/**
 * Splits `batches` products of m×n×k between `threads` threads: whole matrices when there are at least
 * as many as threads, up to SHARES_PER_THREAD shares a thread (so that they balance when one thread
 * is late or slow: whoever is free takes the next); else the longer side of each matrix, one share a
 * thread: rows in multiples of 4, or columns in multiples of 8 when there are more columns than rows
 * (each share packs the whole of the other operand again: a row share all of B, a column share all
 * of A, so the shorter side is the one to pack twice; more shares would cost more than they
 * balance); a single share when the work is too small to pay for the hand-off.
 */
export function splitGemm(batches: number, m: number, n: number, k: number, threads: number): ShareRange[] {
  const whole = [{ batch0: 0, batch1: batches, row0: 0, row1: m, col0: 0, col1: n }];
  if (threads <= 1 || batches * m * n * k < THREADED_MIN_MACS) return whole;
  const parts = threads * SHARES_PER_THREAD;
  if (batches >= parts) {
    return Array.from({ length: parts }, (_, t) => ({
      batch0: Math.floor((t * batches) / parts), batch1: Math.floor(((t + 1) * batches) / parts), row0: 0, row1: m, col0: 0, col1: n,
    }));
  }
  if (batches >= threads) {
    return Array.from({ length: batches }, (_, i) => ({ batch0: i, batch1: i + 1, row0: 0, row1: m, col0: 0, col1: n }));
  }
  const byColumns = n > m;
  const side = byColumns ? n : m;
  const quantum = byColumns ? COLUMN_QUANTUM : ROW_QUANTUM;
  const chunk = Math.ceil(side / threads / quantum) * quantum;
  if (chunk >= side) return whole;
  const shares: ShareRange[] = [];
  for (let start = 0; start < side; start += chunk) {
    const end = Math.min(side, start + chunk);
    shares.push(byColumns ? { batch0: 0, batch1: batches, row0: 0, row1: m, col0: start, col1: end } : { batch0: 0, batch1: batches, row0: start, row1: end, col0: 0, col1: n });
  }
  return shares;
}

/**
 * The matmul primitive on the wasm SGEMM/DGEMM: both operands are copied into the arena once, every
 * matrix of the batch is multiplied there (split over the helper threads, in the shared memory, when
 * `threaded` is given and ready and the product is large enough), and the output is copied out in one
 * slice. Other dtypes, k = 0 and, with `skinnyOnCpu`, dot-product-like shapes go to `fallback` (the
 * CPU kernel).
 */
export function wasmMatmulKernel(own: KernelExports, ownArena: Arena, fallback: Kernel<'matmul'>, skinnyOnCpu: boolean, threaded?: Threaded): Kernel<'matmul'> {
  return (inputs, attrs, out) => {
    const [a, b] = inputs;
    const { transposeA, transposeB } = attrs;
    const rank = out.shape.length;
    const m = out.shape[rank - 2];
    const n = out.shape[rank - 1];
    const k = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
    const batchShape = out.shape.slice(0, rank - 2);
    const batches = sizeOf(batchShape);
    const dtype = out.dtype;
    const skinny = skinnyOnCpu && m * n < SKINNY_OUTPUT && k > SKINNY_DEPTH;
    if ((dtype !== 'float32' && dtype !== 'float64') || k === 0 || batches * m * n === 0 || skinny) {
      return fallback(inputs, attrs, out);
    }
    const size = dtype === 'float32' ? 4 : 8;
    const { ranges, wasm, arena, workBytes } = placeProduct(own, ownArena, threaded, batches, m, n, k, size);
    const call = arena.begin();
    const aPtr = call.input(a.data);
    const bPtr = call.input(b.data);
    const cPtr = call.output(batches * m * n, dtype);
    const aStarts = call.scratch(batches * 4);
    const bStarts = call.scratch(batches * 4);
    const work = call.scratch(ranges.length * workBytes);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const starts = arena.i32();
    if (batches === 1) {
      starts[aStarts / 4] = 0;
      starts[bStarts / 4] = 0;
    } else {
      // each matrix counts as one element of its batch, so the row planner gives matrix indices
      const [aIndex, bIndex] = planRows([...batchShape, 1], [[...a.shape.slice(0, -2), 1], [...b.shape.slice(0, -2), 1]]).starts;
      starts.set(aIndex, aStarts / 4);
      starts.set(bIndex, bStarts / 4);
    }
    const ta = transposeA ? 1 : 0;
    const tb = transposeB ? 1 : 0;
    runShares(wasm, threaded?.threads, ranges.map((r, t) => ({
      kernel: size === 4 ? 'sgemmBatch' : 'dgemmBatch',
      args: [ta, tb, m, n, k, aPtr, bPtr, cPtr, work + t * workBytes, aStarts, bStarts, r.batch0, r.batch1, r.row0, r.row1, r.col0, r.col1],
    })));
    return call.finish();
  };
}

/**
 * How a product of `batches` m×n×k matrices is shared out (see splitGemm), the instance and arena it
 * runs in (the shared ones when it is split, else the private ones) and the packing bytes per share.
 */
function placeProduct(own: KernelExports, ownArena: Arena, threaded: Threaded | undefined, batches: number, m: number, n: number, k: number, size: number) {
  const ranges = splitGemm(batches, m, n, k, threaded?.threads.ready() ? threaded.threads.helpers + 1 : 1);
  const { wasm, arena } = ranges.length > 1 ? threaded! : { wasm: own, arena: ownArena };
  return { ranges, wasm, arena, workBytes: align(wasm.gemmWorkBytes(m, n, k, size)) };
}

/** One share on this thread, or several split with the helpers. */
export function runShares(wasm: KernelExports, threads: GemmThreads | undefined, shares: readonly Share[]): void {
  if (shares.length === 1) runShare(wasm, shares[0]);
  else threads!.run(shares);
}

/**
 * Filters up to which a float32 separable product whose output rows are 4 positions or longer runs on
 * the row tile (positions in the lanes, one accumulator a filter: sgemmSeparableRows), which fills
 * every lane where the filters-in-lanes tile fills 6 of 8 (4 of 8, …).
 */
const ROW_TILE_FILTERS = 6;

/**
 * The gatherMatmul primitive, y[n] = a·x[n][indices], on the wasm GEMM: a, x and the indices are copied
 * into the arena, never the [K, P] columns of each row. Indices that separate, base[p] + off[kk] (a
 * convolution's windows) with constant rows (its bias), go to the indirect kernel that reads the
 * columns straight from x (sgemmSeparable; sgemmSeparableRows for 6 filters or fewer); any others are
 * packed into the GEMM's B panels as they are gathered (sgemmGathered). Split over the helper threads
 * as matmul is. Other dtypes and empty products go to `fallback`.
 */
export function wasmGatherMatmulKernel(own: KernelExports, ownArena: Arena, fallback: Kernel<'gatherMatmul'>, threaded?: Threaded): Kernel<'gatherMatmul'> {
  return (inputs, attrs, out) => {
    const [a, x, indices] = inputs;
    const [batches, m, n] = out.shape;
    const k = a.shape[1];
    const l = x.shape[1];
    const dtype = out.dtype;
    if ((dtype !== 'float32' && dtype !== 'float64') || k === 0 || batches * m * n === 0) return fallback(inputs, attrs, out);
    const size = dtype === 'float32' ? 4 : 8;
    const { ranges, wasm, arena, workBytes: gatheredBytes } = placeProduct(own, ownArena, threaded, batches, m, n, k, size);
    const workBytes = Math.max(gatheredBytes, align(wasm.separableWorkBytes(m, k, size)));
    const call = arena.begin();
    const aPtr = call.input(a.data);
    const xPtr = call.input(x.data);
    const iPtr = call.input(indices.data);
    const plan = call.scratch(Math.max(wasm.gatheredPlanBytes(n, k, size), wasm.separablePlanBytes(n, k)));
    const cPtr = call.output(batches * m * n, dtype);
    const work = call.scratch(ranges.length * workBytes);
    // few filters, whole images a share: the row tiles may fill the lanes better (see sgemmSeparableRows)
    const byRows = size === 4 && m <= ROW_TILE_FILTERS && ranges.every((r) => r.row0 === 0 && r.row1 === m && r.col0 === 0 && r.col1 === n);
    const tiles = byRows ? call.scratch(4 * n) : 0;
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    // how the columns are read, worked out once for every image (their indices are the same)
    const separable = wasm.planSeparable(n, k, iPtr, plan, size);
    if (separable < 0) wasm.planGathered(n, k, iPtr, plan, size);
    const tileCount = byRows && separable >= 0 ? wasm.planRowTiles(n, plan, tiles) : -1;
    if (tileCount >= 0) {
      runShares(wasm, threaded?.threads, ranges.map((r, t) => ({
        kernel: 'sgemmSeparableRows', args: [m, n, k, separable, l, aPtr, xPtr, plan, tiles, tileCount, cPtr, work + t * workBytes, r.batch0, r.batch1],
      })));
      return call.finish();
    }
    runShares(wasm, threaded?.threads, ranges.map((r, t) => (separable >= 0
      ? {
        kernel: size === 4 ? 'sgemmSeparable' : 'dgemmSeparable',
        args: [m, n, k, separable, l, aPtr, xPtr, plan, cPtr, work + t * workBytes, r.batch0, r.batch1, r.row0, r.row1, r.col0, r.col1],
      }
      : {
        kernel: size === 4 ? 'sgemmGathered' : 'dgemmGathered',
        args: [m, n, k, l, aPtr, xPtr, iPtr, plan, cPtr, work + t * workBytes, r.batch0, r.batch1, r.row0, r.row1, r.col0, r.col1],
      })));
    return call.finish();
  };
}
