import { type Kernel, sizeOf } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';

/**
 * concat whose result stays in wasm memory (inside `tidy`): each input's blocks copied within the
 * arena (`copyWithin`, a memmove), so that the next kernel (a convolution's gatherMatmul, which reads
 * each image with a 0 and a 1 appended) reads it in place. Outside tidy, and under `minSize` elements,
 * the CPU kernel, which writes a host array directly, is the cheaper one.
 */
export function wasmConcatKernel(arena: Arena, fallback: Kernel<'concat'>, minSize: number): Kernel<'concat'> {
  return (inputs, attrs, out) => {
    const total = sizeOf(out.shape);
    if (!arena.residentOutputs() || total === 0 || total < minSize) return fallback(inputs, attrs, out);
    let outer = 1;
    for (let i = 0; i < attrs.axis; i++) outer *= out.shape[i];
    const call = arena.begin();
    const starts = inputs.map((input) => call.input(input.data));
    const yPtr = call.output(total, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const heap = out.dtype === 'float32' ? arena.f32() : out.dtype === 'float64' ? arena.f64() : arena.i32();
    const size = heap.BYTES_PER_ELEMENT;
    const outBlock = total / outer;
    let at = yPtr / size;
    for (let i = 0; i < inputs.length; i++) {
      const block = sizeOf(inputs[i].shape) / outer;
      const from = starts[i] / size;
      for (let o = 0; o < outer; o++) heap.copyWithin(at + o * outBlock, from + o * block, from + (o + 1) * block);
      at += block;
    }
    return call.finish();
  };
}
