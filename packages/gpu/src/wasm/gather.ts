import { type Kernel, sizeOf } from '@nn/tensor';
import { type Arena, isResident } from './arena';
import { abort } from './elementwise';
import type { KernelExports } from './kernels-module';

/** outer (the axes before `axis`) and inner (those after) of a shape. */
function around(shape: readonly number[], axis: number): [number, number] {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, inner];
}

/** Whether `data` is a live block of `arena`, which its kernels read where it is. */
function inArena(data: unknown, arena: Arena): boolean {
  return isResident(data) && data.arena === arena && data.live;
}

/**
 * gather on the wasm loop for float32 / float64 outputs of `minSize` elements or more that read most
 * of x (an im2col's columns, a pooling's windows): x and the indices are copied into the arena, the
 * result out in one slice. Values are copied, so the result is the CPU kernel's bit for bit.
 */
export function wasmGatherKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'gather'>, minSize: number): Kernel<'gather'> {
  return (inputs, attrs, out) => {
    const [x, indices] = inputs;
    const { axis } = attrs;
    const dtype = out.dtype;
    const [outer, inner] = around(x.shape, axis);
    const picks = sizeOf(indices.shape);
    const total = outer * picks * inner;
    // NOTE: picking a few rows of a large tensor (a batch out of a data set) would copy all of x into
    // the arena for every batch; the JS loop reads only the rows it takes. An x already in this arena
    // (inside tidy: a max-pooling's picks, a quarter of its input) costs no copy.
    const mostOfX = sizeOf(x.shape) <= 2 * total || inArena(x.data, arena);
    if ((dtype !== 'float32' && dtype !== 'float64') || total === 0 || total < minSize || !mostOfX) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const iPtr = call.input(indices.data);
    const yPtr = call.output(total, dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    (dtype === 'float32' ? wasm.gatherF32 : wasm.gatherF64)(outer, x.shape[axis], picks, inner, xPtr, iPtr, yPtr);
    return call.finish();
  };
}

/**
 * scatterAdd (gather's adjoint: col2im, a pooling's gradient) on the wasm loop for float32 / float64
 * with `minSize` updates or more. It adds in the CPU kernel's order, so the sums are its bit for bit.
 */
export function wasmScatterAddKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'scatterAdd'>, minSize: number): Kernel<'scatterAdd'> {
  return (inputs, attrs, out) => {
    const [updates, indices] = inputs;
    const { axis, size: slots } = attrs;
    const dtype = out.dtype;
    const [outer, inner] = around(out.shape, axis);
    const picks = sizeOf(indices.shape);
    const updateCount = sizeOf(updates.shape);
    const total = outer * slots * inner;
    // NOTE: as in gather, a few updates into a large output stay on the JS loop (no arena-sized zero
    // fill); a max-pooling's gradient, a quarter of its output (the 2 × 2 windows' winners), does not.
    const mostOfOutput = total <= 4 * updateCount;
    if ((dtype !== 'float32' && dtype !== 'float64') || total === 0 || updateCount < minSize || !mostOfOutput) return fallback(inputs, attrs, out);
    const size = dtype === 'float32' ? 4 : 8;
    const call = arena.begin();
    const uPtr = call.input(updates.data);
    const iPtr = call.input(indices.data);
    const yPtr = call.output(total, dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    (size === 4 ? arena.f32() : arena.f64()).fill(0, yPtr / size, yPtr / size + total);
    (size === 4 ? wasm.scatterAddF32 : wasm.scatterAddF64)(outer, slots, picks, inner, uPtr, iPtr, yPtr);
    return call.finish();
  };
}
