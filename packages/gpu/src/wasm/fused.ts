import { type FusedKernels, maskThreshold } from '@nn/tensor';
import { type Arena, WasmResident, align } from './arena';
import type { GemmThreads } from './gemm-threads';
import type { KernelExports } from './kernels-module';
import { SHARES_PER_THREAD } from './thread-protocol';

/**
 * An optimizer's state (Adam's moments, …) made by a fused update inside `tidy` and left in wasm memory
 * when the scope ends (`Backend.evict` keeps it), so that the next update reads it where it is instead
 * of it being copied out and back in every step. Freed when its tensor is disposed (`fit` disposes the
 * state a newer one supersedes: `disposeSupersededState` in @nn/optim) or, failing that, after the
 * garbage collector has collected it; at most `PERSISTENT_MAX_BYTES` of them per memory at once.
 */
export class PersistentResident extends WasmResident {}

/** The most bytes of optimizer state kept in one wasm memory across scopes; beyond, state goes to host memory as any result. */
export const PERSISTENT_MAX_BYTES = 128 * 2 ** 20;

/** Bytes of live persistent state per arena. */
const persistentBytes = new WeakMap<Arena, number>();

const bytesOf = (r: WasmResident) => align(Math.max(r.length * (r.dtype === 'float64' ? 8 : 4), 1));

/** Frees the block of a persistent state whose tensor the garbage collector took without a dispose. */
const finalizer = new FinalizationRegistry<{ readonly arena: Arena; readonly ptr: number; readonly length: number }>(({ arena, ptr, length }) => {
  const block = new WasmResident(arena, ptr, length, 'float32');
  persistentBytes.set(arena, (persistentBytes.get(arena) ?? 0) - bytesOf(block));
  arena.release(block);
});

/** Frees a persistent state's block now (the backend's `dispose`); idempotent. */
export function releasePersistent(data: PersistentResident): void {
  if (!data.live) return;
  finalizer.unregister(data);
  persistentBytes.set(data.arena, (persistentBytes.get(data.arena) ?? 0) - bytesOf(data));
  data.arena.release(data);
}

/** `r` (a result just made inside tidy) as persistent state, or `r` itself when the budget is spent. */
function persist(r: unknown): unknown {
  if (!(r instanceof WasmResident) || r.dtype !== 'float32') return r;
  const used = persistentBytes.get(r.arena) ?? 0;
  const bytes = bytesOf(r);
  if (used + bytes > PERSISTENT_MAX_BYTES) return r;
  const p = new PersistentResident(r.arena, r.ptr, r.length, r.dtype);
  // NOTE: the block now belongs to p; r is dropped without ever being released
  r.live = false;
  persistentBytes.set(r.arena, used + bytes);
  finalizer.register(p, { arena: r.arena, ptr: r.ptr, length: r.length }, p);
  return p;
}

/**
 * The instance and arena a fused kernel called now runs on (the shared one inside tidy when threaded, as
 * the primitives), and the helper threads that may take shares of it there.
 */
export type FusedTarget = () => { readonly wasm: KernelExports; readonly arena: Arena; readonly threads?: GemmThreads };

/**
 * Elementwise fused kernels of at least this many elements are split between threads when the backend
 * has helpers and runs over shared memory: below it, waking the helpers costs more than they save
 * (the W2 network's largest leaf has 200,704; its others 2,560 or fewer).
 */
export const THREADED_MIN_FUSED_ELEMENTS = 1 << 15;

/** A call of a fused kernel on elements [start, start + count): its arguments (pointers already moved to start). */
type ShareArgs = (start: number, count: number) => number[];

/** The wasm exports a share of which a helper thread may run (their floats come from memory). */
type SplitKernel = 'adamF32' | 'dropoutMaskF32' | 'normalF32';

/**
 * Runs `kernel` over n elements: in one call, or, from `THREADED_MIN_FUSED_ELEMENTS` on when there are
 * helpers, in runs of 16 elements (64 bytes; the normals' blocks of 8 stay whole) shared between threads.
 */
function runElements(wasm: KernelExports, threads: GemmThreads | undefined, kernel: SplitKernel, n: number, share: ShareArgs): void {
  const parts = threads?.ready() && n >= THREADED_MIN_FUSED_ELEMENTS ? SHARES_PER_THREAD * (threads.helpers + 1) : 1;
  if (parts === 1) {
    (wasm[kernel] as (...a: number[]) => void)(...share(0, n));
    return;
  }
  const cut = (t: number) => (t === parts ? n : Math.min(n, 16 * Math.round((t * n) / parts / 16)));
  const shares = Array.from({ length: parts }, (_, t) => ({ kernel, args: share(cut(t), cut(t + 1) - cut(t)) }));
  threads!.run(shares.filter((s) => s.args[0] > 0));
}

/** k0 of a keyed stream moved on by `start` elements: element i's counter is k0 + i·φ (mod 2³², assembly/random.ts). */
const streamAt = (k0: number, start: number) => (k0 + Math.imul(start, 0x9e3779b9)) | 0;

/**
 * The wasm backend's fused kernels (see `FusedKernels` in @nn/tensor): the optimizer updates of
 * assembly/optimizer.ts and the keyed random stream of assembly/random.ts, over operands that stay where
 * they are in wasm memory (resident results) or are copied in (host arrays). Results stay in wasm memory
 * inside a `tidy` scope, as every kernel's, and the optimizers' new state stays there after it ends
 * (`PersistentResident`); outside, they are host arrays. Adam, dropout's mask and normals of
 * `THREADED_MIN_FUSED_ELEMENTS` or more are split between the helper threads, in runs of 16 elements
 * (each element depends only on its own inputs and index, so the result is the same bit for bit).
 * Each returns undefined when the memory cannot grow to hold its operands, and the caller then takes
 * its own path.
 */
export function wasmFusedKernels(target: FusedTarget): FusedKernels {
  /**
   * Lays out `inputs` and `outputs` results of n float32 each and the float32 `scalars` (their offset k),
   * then calls `kernel` with the arguments `args(x, y, k)` gives for each run of elements; the results' storage.
   */
  const run = (n: number, inputs: readonly unknown[], outputs: number, scalars: readonly number[], kernel: SplitKernel | 'rmsF32' | 'traceF32', args: (x: number[], y: number[], k: number) => ShareArgs, state?: readonly boolean[]): unknown[] | undefined => {
    if (n === 0) return undefined;
    const { wasm, arena, threads } = target();
    const call = arena.begin();
    const x = inputs.map((data) => call.input(data));
    const k = scalars.length > 0 ? call.scratch(4 * scalars.length) : 0;
    // NOTE: a call has one output, so each result gets a call of its own; `call` keeps only the inputs' scratch.
    const results = Array.from({ length: outputs }, () => arena.begin());
    const y = results.map((r) => r.output(n, 'float32'));
    if (!call.ok || results.some((r) => !r.ok)) {
      for (let i = results.length - 1; i >= 0; i--) results[i].abort();
      call.abort();
      return undefined;
    }
    arena.f32().set(scalars, k / 4);
    const share = args(x, y, k);
    if (kernel === 'rmsF32' || kernel === 'traceF32') (wasm[kernel] as (...a: number[]) => void)(...share(0, n));
    else runElements(wasm, threads, kernel, n, share);
    // last first, so that scratch goes straight back to the top of the arena
    const storage = new Array<unknown>(outputs);
    for (let i = outputs - 1; i >= 0; i--) storage[i] = state?.[i] === true ? persist(results[i].finish()) : results[i].finish();
    call.abort();
    return storage;
  };
  /** p moved on by `start` float32 elements (0 stays 0: an operand the kernel does not read). */
  const at = (p: number, start: number) => (p === 0 ? 0 : p + 4 * start);
  return {
    adamF32(n, inputs, k) {
      const ams = inputs.length === 4 ? 1 : 0;
      return run(n, inputs, 3 + ams, [k.b1, k.r1, k.b2, k.r2, k.s1, k.s2, k.eps, k.scale ?? 1], 'adamF32', ([g, m, v, vMax = 0], [u, mo, vo, vMaxo = 0], kp) =>
        (s, c) => [c, at(g, s), at(m, s), at(v, s), at(vMax, s), at(u, s), at(mo, s), at(vo, s), at(vMaxo, s), kp, ams], [false, true, true, true]);
    },
    rmsF32(n, inputs, k) {
      const centered = k.centered ? 1 : 0;
      return run(n, inputs, 2 + centered, [], 'rmsF32', ([g, s, m], [u, so, mo]) =>
        () => [n, g, s, centered ? m : 0, u, so, centered ? mo : 0, k.alpha, k.rest, k.eps, centered, k.epsInsideSqrt ? 1 : 0], [false, true, true]);
    },
    traceF32(n, inputs, mu, nesterov) {
      return run(n, inputs, nesterov ? 2 : 1, [], 'traceF32', ([g, v], y) =>
        () => (nesterov ? [n, g, v, y[1], y[0], mu, 1] : [n, g, v, y[0], 0, mu, 0]), nesterov ? [false, true] : [true]);
    },
    dropoutMaskF32(n, [k0, k1], p, scale, x) {
      const hasX = x === undefined ? 0 : 1;
      return run(n, x === undefined ? [] : [x], 1, [scale], 'dropoutMaskF32', ([xp = 0], [y], kp) => (s, c) => [c, streamAt(k0, s), k1 | 0, maskThreshold(p), at(xp, s), hasX, kp, at(y, s)])?.[0];
    },
    normScaledNormalF32(rows, cols, xCols, [k0, k1], std, extra, y, x) {
      const { wasm, arena, threads } = target();
      const n = rows * cols;
      const call = arena.begin();
      const [yp, xp] = [call.input(y), call.input(x)];
      const k = call.scratch(16);
      const results = [arena.begin(), arena.begin()];
      const [out, coef] = [results[0].output(n, 'float32'), results[1].output(rows, 'float32')];
      if (!call.ok || results.some((r) => !r.ok)) {
        results[1].abort();
        results[0].abort();
        call.abort();
        return undefined;
      }
      arena.f32().set([0, 1, std, extra], k / 4);
      // the normals first (split between threads, as normalF32's, when there are enough), then each row's spread and sum
      const normals = (s: number, c: number) => [c, streamAt(k0, s), k1 | 0, 0, 0, k, at(out, s)];
      runElements(wasm, threads, 'normalF32', n, normals);
      wasm.normScaleRowsF32(rows, cols, xCols, xp, yp, k + 8, out, coef);
      // last first, so that scratch goes straight back to the top of the arena
      const coefStorage = results[1].finish();
      const outStorage = results[0].finish();
      call.abort();
      return [outStorage, coefStorage];
    },
    normScaledNormalGradF32(rows, cols, xCols, [k0, k1], g, x, coef) {
      const { wasm, arena } = target();
      const call = arena.begin();
      const [gp, xp, cp] = [call.input(g), call.input(x), call.input(coef)];
      const k = call.scratch(8);
      const zs = call.scratch(4 * rows * cols);
      const result = arena.begin();
      const dx = result.output(rows * xCols, 'float32');
      if (!call.ok || !result.ok) {
        result.abort();
        call.abort();
        return undefined;
      }
      arena.f32().set([0, 1], k / 4);
      wasm.normScaledNormalGradF32(rows, cols, xCols, k0 | 0, k1 | 0, gp, xp, cp, k, zs, dx);
      const storage = result.finish();
      call.abort();
      return storage;
    },
    // NOTE: only results in this memory: a host array is scanned where it is by the caller, not copied in
    allFinite(n, dtype, x) {
      const { wasm, arena } = target();
      if (!(x instanceof WasmResident) || x.arena !== arena || !x.live) return undefined;
      return (dtype === 'float32' ? wasm.allFiniteF32(n, x.ptr) : wasm.allFiniteF64(n, x.ptr)) === 1;
    },
    normalF32(n, [k0, k1], mean, std, x) {
      const hasX = x === undefined ? 0 : 1;
      return run(n, x === undefined ? [] : [x], 1, [mean, std], 'normalF32', ([xp = 0], [y], kp) => (s, c) => [c, streamAt(k0, s), k1 | 0, at(xp, s), hasX, kp, at(y, s)])?.[0];
    },
  };
}
