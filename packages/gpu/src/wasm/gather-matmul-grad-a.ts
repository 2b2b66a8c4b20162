import type { Kernel } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';
import { THREADED_MIN_MACS, type Threaded, runShares } from './matmul';
import type { Share } from './gemm-threads';
import { SHARES_PER_THREAD } from './thread-protocol';

/** Taps a share of the filter gradient takes at a time: the register tile's rows. */
const TAP_QUANTUM = 4;

/**
 * The gatherMatmulGradA primitive, y = Σ_n g[n]·x[n][indices]ᵀ (a convolution's filter gradient), for
 * indices that separate (planSeparable: a convolution's windows and bias row): g packed once into
 * panels of filters, then the taps shared out between the threads (`sgemmSeparableGradA`), each
 * reading its entries straight from x and summing over the whole batch in its registers — no gathered
 * columns, no product per image, no sum over them. Every entry sums in the same order for any split.
 * Indices that do not separate, other dtypes and empty products go to `fallback` (the CPU kernel):
 * only a convolution makes this op.
 */
export function wasmGatherMatmulGradAKernel(own: KernelExports, ownArena: Arena, fallback: Kernel<'gatherMatmulGradA'>, threaded?: Threaded): Kernel<'gatherMatmulGradA'> {
  return (inputs, attrs, out) => {
    const [g, x, indices] = inputs;
    const [m, k] = out.shape;
    const [batch, , positions] = g.shape;
    const l = x.shape[1];
    const dtype = out.dtype;
    if ((dtype !== 'float32' && dtype !== 'float64') || m * k === 0 || batch * positions === 0) return fallback(inputs, attrs, out);
    const size = dtype === 'float32' ? 4 : 8;
    const threads = threaded?.threads.ready() && batch * m * k * positions >= THREADED_MIN_MACS ? threaded.threads.helpers + 1 : 1;
    const { wasm, arena } = threads > 1 ? threaded! : { wasm: own, arena: ownArena };
    const call = arena.begin();
    const gPtr = call.input(g.data);
    const xPtr = call.input(x.data);
    const iPtr = call.input(indices.data);
    const plan = call.scratch(wasm.separablePlanBytes(positions, k));
    const yPtr = call.output(m * k, dtype);
    const packed = call.scratch(wasm.separableGradWorkBytes(m, batch, positions, size));
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const separable = wasm.planSeparable(positions, k, iPtr, plan, size);
    if (separable < 0) return abort(call, () => fallback(inputs, attrs, out));
    if (size === 4) wasm.packGradientsF32(m, batch, positions, gPtr, packed);
    else wasm.packGradientsF64(m, batch, positions, gPtr, packed);
    const kernel = size === 4 ? 'sgemmSeparableGradA' : 'dgemmSeparableGradA';
    const shares: Share[] = tapShares(separable, threads).map(([tap0, tap1], i) => ({
      kernel, args: [m, batch, positions, k, separable, l, xPtr, plan, packed, yPtr, tap0, tap1, i === 0 ? 1 : 0],
    }));
    runShares(wasm, threaded?.threads, shares);
    return call.finish();
  };
}

/**
 * The separable taps [0, taps) cut into up to SHARES_PER_THREAD runs a thread, each a multiple of the
 * tile's 4 taps but the last; one run (perhaps empty, for the constant rows alone) on one thread.
 */
export function tapShares(taps: number, threads: number): [number, number][] {
  const tiles = Math.ceil(taps / TAP_QUANTUM);
  const parts = Math.max(1, Math.min(tiles, threads > 1 ? threads * SHARES_PER_THREAD : 1));
  return Array.from({ length: parts }, (_, i) => [
    Math.min(taps, Math.floor((i * tiles) / parts) * TAP_QUANTUM),
    Math.min(taps, Math.floor(((i + 1) * tiles) / parts) * TAP_QUANTUM),
  ]);
}
