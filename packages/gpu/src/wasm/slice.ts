import { type Kernel, sizeOf } from '@nn/tensor';
import { type Arena, isResident } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/**
 * slice of an input already in wasm memory, whose result stays there (inside `tidy`): the box is
 * copied within the arena run by run (the kernels' `copyRows`, memory.copy: a shared memory slows it
 * down less than copyWithin), a run being the elements that are consecutive in both (the last axes
 * the slice takes whole, times the extent of the one before), the runs along the axis before taken in
 * one call. The backward pass of a concat (a convolution's inputs with their bias 1 appended, cut off
 * again) is its main use: no host array allocated and filled a step. Inputs on the host, outside tidy,
 * and results under `minSize` elements: the CPU kernel.
 */
export function wasmSliceKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'slice'>, minSize: number): Kernel<'slice'> {
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const { begin, size: extent } = attrs;
    const total = sizeOf(out.shape);
    const inArena = isResident(x.data) && x.data.arena === arena && x.data.live;
    if (!arena.residentOutputs() || !inArena || total === 0 || total < minSize) return fallback(inputs, attrs, out);
    const shape = x.shape;
    const rank = shape.length;
    // the run: axes from `axis` on are copied together
    let axis = rank - 1;
    let run = extent[axis];
    while (axis > 0 && extent[axis] === shape[axis]) run *= extent[--axis];
    const strides = new Array<number>(rank).fill(1);
    for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(total, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const size = out.dtype === 'float64' ? 8 : 4;
    let from = xPtr;
    for (let i = 0; i < rank; i++) from += begin[i] * strides[i] * size;
    if (axis === 0) {
      wasm.copyRows(1, run * size, from, 0, yPtr, 0);
      return call.finish();
    }
    // the runs along axis − 1 in one call, an odometer over the axes before it
    const rows = extent[axis - 1];
    const outer = axis - 1;
    const index = new Array<number>(outer).fill(0);
    for (let to = yPtr, end = yPtr + total * size; to < end; to += rows * run * size) {
      let at = from;
      for (let i = 0; i < outer; i++) at += index[i] * strides[i] * size;
      wasm.copyRows(rows, run * size, at, strides[axis - 1] * size, to, run * size);
      for (let i = outer - 1; i >= 0; i--) {
        if (++index[i] < extent[i]) break;
        index[i] = 0;
      }
    }
    return call.finish();
  };
}
