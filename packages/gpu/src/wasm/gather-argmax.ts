import { type Kernel, sizeOf } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/**
 * gatherArgmax (a max-pooling's winners as positions) on the wasm scan (assembly/gather-argmax.ts) for
 * float32 / float64 x of `minSize` elements or more: the CPU kernel's comparisons in its order, so the
 * positions are its own. It replaces, in a max-pooling's training step, the gathered copy of every
 * window, their argmax, the download of the winners and a JS loop turning them into positions.
 */
export function wasmGatherArgmaxKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'gatherArgmax'>, minSize: number): Kernel<'gatherArgmax'> {
  return (inputs, attrs, out) => {
    const [x, windows] = inputs;
    const [rows, plane] = x.shape;
    const [count, taps] = windows.shape;
    if ((x.dtype !== 'float32' && x.dtype !== 'float64') || rows * count === 0 || sizeOf(x.shape) < minSize) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const wPtr = call.input(windows.data);
    const yPtr = call.output(rows * count, 'int32');
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    (x.dtype === 'float32' ? wasm.gatherArgmaxF32 : wasm.gatherArgmaxF64)(rows, plane, count, taps, xPtr, wPtr, yPtr);
    return call.finish();
  };
}
