import { type Kernel, sizeOf } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/**
 * pad of the last two axes (images) whose result stays in wasm memory (inside `tidy`): the block
 * filled with the value, then each row of x moved into place by one wasm loop, so that the next
 * kernel (a padded convolution's gatherMatmul) reads it in place. Outside tidy, other paddings and
 * results under `minSize` elements: the CPU kernel.
 */
export function wasmPadKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'pad'>, minSize: number): Kernel<'pad'> {
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const { paddings } = attrs;
    const total = sizeOf(out.shape);
    const rank = x.shape.length;
    const count = sizeOf(x.shape);
    const imagesOnly = rank >= 2 && paddings.slice(0, rank - 2).every(([before, after]) => before === 0 && after === 0);
    if (!arena.residentOutputs() || !imagesOnly || count === 0 || total < minSize) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(total, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const heap = out.dtype === 'float32' ? arena.f32() : out.dtype === 'float64' ? arena.f64() : arena.i32();
    const size = heap.BYTES_PER_ELEMENT;
    heap.fill(attrs.value, yPtr / size, yPtr / size + total);
    const [h, w] = x.shape.slice(rank - 2);
    const [hp, wp] = out.shape.slice(rank - 2);
    wasm.padPlanes(count / (h * w), h, w * size, hp, wp * size, paddings[rank - 2][0], paddings[rank - 1][0] * size, xPtr, yPtr);
    return call.finish();
  };
}
