import { type FusedKernels, maskThreshold } from '@nn/tensor';
import type { Arena } from './arena';
import type { KernelExports } from './kernels-module';

/** The instance and arena a fused kernel called now runs on (the shared one inside tidy when threaded, as the primitives). */
export type FusedTarget = () => { readonly wasm: KernelExports; readonly arena: Arena };

/**
 * The wasm backend's fused kernels (see `FusedKernels` in @nn/tensor): the optimizer updates of
 * assembly/optimizer.ts and the keyed random stream of assembly/random.ts, over operands that stay where
 * they are in wasm memory (resident results) or are copied in (host arrays). Results stay in wasm memory
 * inside a `tidy` scope, as every kernel's; outside, they are host arrays. Each returns undefined when
 * the memory cannot grow to hold its operands, and the caller then takes its own path.
 */
export function wasmFusedKernels(target: FusedTarget): FusedKernels {
  /** Lays out `inputs` and `outputs` results of n float32 each, runs `body` on their offsets; the results' storage. */
  const run = (n: number, inputs: readonly unknown[], outputs: number, body: (wasm: KernelExports, x: number[], y: number[]) => void): unknown[] | undefined => {
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
    for (let i = outputs - 1; i >= 0; i--) storage[i] = results[i].finish();
    call.abort();
    return storage;
  };
  return {
    adamF32(n, inputs, k) {
      const ams = inputs.length === 4 ? 1 : 0;
      return run(n, inputs, 3 + ams, (w, [g, m, v, vMax], [u, mo, vo, vMaxo]) =>
        w.adamF32(n, g, m, v, ams ? vMax : 0, u, mo, vo, ams ? vMaxo : 0, k.b1, k.r1, k.b2, k.r2, k.s1, k.s2, k.eps, ams));
    },
    rmsF32(n, inputs, k) {
      const centered = k.centered ? 1 : 0;
      return run(n, inputs, 2 + centered, (w, [g, s, m], [u, so, mo]) =>
        w.rmsF32(n, g, s, centered ? m : 0, u, so, centered ? mo : 0, k.alpha, k.rest, k.eps, centered, k.epsInsideSqrt ? 1 : 0));
    },
    traceF32(n, inputs, mu, nesterov) {
      return run(n, inputs, nesterov ? 2 : 1, (w, [g, v], y) =>
        (nesterov ? w.traceF32(n, g, v, y[1], y[0], mu, 1) : w.traceF32(n, g, v, y[0], 0, mu, 0)));
    },
    dropoutMaskF32(n, [k0, k1], p, scale) {
      return run(n, [], 1, (w, _, [y]) => w.dropoutMaskF32(n, k0 | 0, k1 | 0, maskThreshold(p), scale, y))?.[0];
    },
    normalF32(n, [k0, k1], mean, std, x) {
      return run(n, x === undefined ? [] : [x], 1, (w, [xp], [y]) => w.normalF32(n, k0 | 0, k1 | 0, xp ?? 0, x === undefined ? 0 : 1, mean, std, y))?.[0];
    },
  };
}
