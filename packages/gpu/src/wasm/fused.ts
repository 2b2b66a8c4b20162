import { type FusedKernels, maskThreshold } from '@nn/tensor';
import { type Arena, WasmResident, align } from './arena';
import type { KernelExports } from './kernels-module';

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

/** The instance and arena a fused kernel called now runs on (the shared one inside tidy when threaded, as the primitives). */
export type FusedTarget = () => { readonly wasm: KernelExports; readonly arena: Arena };

/**
 * The wasm backend's fused kernels (see `FusedKernels` in @nn/tensor): the optimizer updates of
 * assembly/optimizer.ts and the keyed random stream of assembly/random.ts, over operands that stay where
 * they are in wasm memory (resident results) or are copied in (host arrays). Results stay in wasm memory
 * inside a `tidy` scope, as every kernel's, and the optimizers' new state stays there after it ends
 * (`PersistentResident`); outside, they are host arrays. Each returns undefined when
 * the memory cannot grow to hold its operands, and the caller then takes its own path.
 */
export function wasmFusedKernels(target: FusedTarget): FusedKernels {
  /** Lays out `inputs` and `outputs` results of n float32 each, runs `body` on their offsets; the results' storage. */
  const run = (n: number, inputs: readonly unknown[], outputs: number, body: (wasm: KernelExports, x: number[], y: number[]) => void, state?: readonly boolean[]): unknown[] | undefined => {
    if (n === 0) return undefined;
    const { wasm, arena } = target();
    const call = arena.begin();
    const x = inputs.map((data) => call.input(data));
    // NOTE: a call has one output, so each result gets a call of its own; `call` keeps only the inputs' scratch.
    const results = Array.from({ length: outputs }, () => arena.begin());
    const y = results.map((r) => r.output(n, 'float32'));
    if (!call.ok || results.some((r) => !r.ok)) {
      for (let i = results.length - 1; i >= 0; i--) results[i].abort();
      call.abort();
      return undefined;
    }
    body(wasm, x, y);
    // last first, so that scratch goes straight back to the top of the arena
    const storage = new Array<unknown>(outputs);
    for (let i = outputs - 1; i >= 0; i--) storage[i] = state?.[i] === true ? persist(results[i].finish()) : results[i].finish();
    call.abort();
    return storage;
  };
  return {
    adamF32(n, inputs, k) {
      const ams = inputs.length === 4 ? 1 : 0;
      return run(n, inputs, 3 + ams, (w, [g, m, v, vMax], [u, mo, vo, vMaxo]) =>
        w.adamF32(n, g, m, v, ams ? vMax : 0, u, mo, vo, ams ? vMaxo : 0, k.b1, k.r1, k.b2, k.r2, k.s1, k.s2, k.eps, ams), [false, true, true, true]);
    },
    rmsF32(n, inputs, k) {
      const centered = k.centered ? 1 : 0;
      return run(n, inputs, 2 + centered, (w, [g, s, m], [u, so, mo]) =>
        w.rmsF32(n, g, s, centered ? m : 0, u, so, centered ? mo : 0, k.alpha, k.rest, k.eps, centered, k.epsInsideSqrt ? 1 : 0), [false, true, true]);
    },
    traceF32(n, inputs, mu, nesterov) {
      return run(n, inputs, nesterov ? 2 : 1, (w, [g, v], y) =>
        (nesterov ? w.traceF32(n, g, v, y[1], y[0], mu, 1) : w.traceF32(n, g, v, y[0], 0, mu, 0)), nesterov ? [false, true] : [true]);
    },
    dropoutMaskF32(n, [k0, k1], p, scale) {
      return run(n, [], 1, (w, _, [y]) => w.dropoutMaskF32(n, k0 | 0, k1 | 0, maskThreshold(p), scale, y))?.[0];
    },
    normalF32(n, [k0, k1], mean, std, x) {
      return run(n, x === undefined ? [] : [x], 1, (w, [xp], [y]) => w.normalF32(n, k0 | 0, k1 | 0, xp ?? 0, x === undefined ? 0 : 1, mean, std, y))?.[0];
    },
  };
}
