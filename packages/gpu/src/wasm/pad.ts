import { type Kernel, sizeOf, stridesOf } from '@nn/tensor';
import type { Arena } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/**
 * pad whose result stays in wasm memory (inside `tidy`): the block filled with the value, then each
 * innermost row of x moved into place within the arena (one wasm loop when only the last two axes
 * are padded, as for images; else `copyWithin` per row), so that the next kernel (a padded
 * convolution's gatherMatmul) reads it in place. Outside tidy, and under `minSize` elements,
 * the CPU kernel.
 */
export function wasmPadKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'pad'>, minSize: number): Kernel<'pad'> {
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const total = sizeOf(out.shape);
    const rank = x.shape.length;
    const count = sizeOf(x.shape);
    if (!arena.residentOutputs() || rank === 0 || count === 0 || total < minSize) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(total, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const heap = out.dtype === 'float32' ? arena.f32() : out.dtype === 'float64' ? arena.f64() : arena.i32();
    const size = heap.BYTES_PER_ELEMENT;
    const y = yPtr / size;
    heap.fill(attrs.value, y, y + total);
    const { paddings } = attrs;
    if (rank >= 2 && paddings.slice(0, rank - 2).every(([before, after]) => before === 0 && after === 0)) {
      // padding on the last two axes only (images): one wasm loop of row copies
      const [h, w] = x.shape.slice(rank - 2);
      const [hp, wp] = out.shape.slice(rank - 2);
      wasm.padPlanes(count / (h * w), h, w * size, hp, wp * size, paddings[rank - 2][0], paddings[rank - 1][0] * size, xPtr, yPtr);
      return call.finish();
    }
    const outStrides = stridesOf(out.shape);
    let offset = y;
    for (let i = 0; i < rank; i++) offset += paddings[i][0] * outStrides[i];
    // rows of the last axis, in order; `counter` is the position along the axes before it
    const n = x.shape[rank - 1];
    const counter = new Array<number>(rank).fill(0);
    for (let from = xPtr / size, end = from + count; from < end; from += n) {
      heap.copyWithin(offset, from, from + n);
      for (let axis = rank - 2; axis >= 0; axis--) {
        counter[axis]++;
        offset += outStrides[axis];
        if (counter[axis] < x.shape[axis]) break;
        offset -= outStrides[axis] * x.shape[axis];
        counter[axis] = 0;
      }
    }
    return call.finish();
  };
}
