import { type Kernel, sizeOf } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/**
 * concat whose result stays in wasm memory (inside `tidy`): each input's blocks copied within the
 * arena by the kernels' `copyRows` (memory.copy, which a shared memory does not slow down as it does
 * copyWithin), so that the next kernel (a convolution's gatherMatmul, which reads
 * each image with a 0 and a 1 appended) reads it in place. Outside tidy, and under `minSize` elements,
 * the CPU kernel, which writes a host array directly, is the cheaper one.
 */
export function wasmConcatKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'concat'>, minSize: number): Kernel<'concat'> {
  return (inputs, attrs, out) => {
    const total = sizeOf(out.shape);
    if (!arena.residentOutputs() || total === 0 || total < minSize) return fallback(inputs, attrs, out);
    let outer = 1;
    for (let i = 0; i < attrs.axis; i++) outer *= out.shape[i];
    const call = arena.begin();
    const starts = inputs.map((input) => call.input(input.data));
    const yPtr = call.output(total, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const size = out.dtype === 'float64' ? 8 : 4;
    const outBlock = (total / outer) * size;
    let at = yPtr;
    for (let i = 0; i < inputs.length; i++) {
      const block = (sizeOf(inputs[i].shape) / outer) * size;
      wasm.copyRows(outer, block, starts[i], block, at, outBlock);
      at += block;
    }
    return call.finish();
  };
}
