import { type Kernel, sizeOf } from '@nn/tensor';
import { type Arena, isResident } from './arena';
import { abort } from './elementwise';
import type { GemmThreads } from './gemm-threads';
import type { KernelExports } from './kernels-module';
import { SHARES_PER_THREAD } from './thread-protocol';

/**
 * gathers and scatterAdds that move at least this many values are split between threads by their
 * outer rows (the images of a batch, for a convolution's im2col and col2im in training), when the
 * backend has helpers and runs over shared memory: LeNet-5's at batch 32 move 480,000–650,000.
 */
export const THREADED_MIN_COPY_VALUES = 1 << 18;

/** How many shares (runs of outer rows) a call moving `values` over `outer` rows is cut into; 1: not split. */
function shareCount(threads: GemmThreads | undefined, values: number, outer: number): number {
  return threads?.ready() && values >= THREADED_MIN_COPY_VALUES ? Math.min(SHARES_PER_THREAD * (threads.helpers + 1), outer) : 1;
}

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
export function wasmGatherKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'gather'>, minSize: number, threads?: GemmThreads): Kernel<'gather'> {
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
    if ((dtype !== 'float32' && dtype !== 'float64') || total === 0 || total < minSize) return fallback(inputs, attrs, out);
    if (!mostOfX) {
      // NOTE: inside tidy the rows go straight from the host array into the arena, where the step reads them
      return isResident(x.data) || !arena.residentOutputs() ? fallback(inputs, attrs, out) : gatherFromHost(arena, x.data as Float32Array | Float64Array, indices.data, outer, x.shape[axis], picks, inner, dtype, () => fallback(inputs, attrs, out));
    }
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const iPtr = call.input(indices.data);
    const yPtr = call.output(total, dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const kernel = dtype === 'float32' ? 'gatherF32' : 'gatherF64';
    const dim = x.shape[axis];
    const parts = shareCount(threads, total, outer);
    if (parts === 1) {
      wasm[kernel](outer, dim, picks, inner, xPtr, iPtr, yPtr);
    } else {
      // NOTE: values are copied, so the split result is the whole one bit for bit
      const size = dtype === 'float32' ? 4 : 8;
      const cut = (t: number) => Math.floor((t * outer) / parts);
      threads!.run(Array.from({ length: parts }, (_, t) => ({
        kernel,
        args: [cut(t + 1) - cut(t), dim, picks, inner, xPtr + cut(t) * dim * inner * size, iPtr, yPtr + cut(t) * picks * inner * size],
      })));
    }
    return call.finish();
  };
}

/**
 * A gather of a few rows of a host array (a batch out of a data set) into a block of the arena: each
 * picked run of `inner` values is one typed-array copy, so nothing but the rows is read, no host array
 * is made for the batch, and the kernels that read it next find it in place. The CPU kernel's values.
 */
function gatherFromHost(arena: Arena, x: Float32Array | Float64Array, indices: unknown, outer: number, dim: number, picks: number, inner: number,
  dtype: 'float32' | 'float64', fallback: () => unknown): unknown {
  const call = arena.begin();
  const yPtr = call.output(outer * picks * inner, dtype);
  if (!call.ok) return abort(call, fallback);
  const index = isResident(indices) ? (indices.view() as Int32Array) : (indices as Int32Array);
  const y = dtype === 'float32' ? arena.f32() : arena.f64();
  let at = yPtr / x.BYTES_PER_ELEMENT;
  for (let o = 0; o < outer; o++) {
    const plane = o * dim * inner;
    for (let j = 0; j < picks; j++, at += inner) {
      const from = plane + index[j] * inner;
      y.set(x.subarray(from, from + inner), at);
    }
  }
  return call.finish();
}

/**
 * scatterAdd (gather's adjoint: col2im, a pooling's gradient) on the wasm loop for float32 / float64
 * with `minSize` updates or more. It adds in the CPU kernel's order, so the sums are its bit for bit.
 */
export function wasmScatterAddKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'scatterAdd'>, minSize: number, threads?: GemmThreads): Kernel<'scatterAdd'> {
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
    const kernel = size === 4 ? 'scatterAddF32' : 'scatterAddF64';
    const parts = shareCount(threads, updateCount, outer);
    if (parts === 1) {
      wasm[kernel](outer, slots, picks, inner, uPtr, iPtr, yPtr);
    } else {
      // NOTE: each share adds into its own outer rows of y, in the one-thread order, so the sums are its own bit for bit
      const cut = (t: number) => Math.floor((t * outer) / parts);
      threads!.run(Array.from({ length: parts }, (_, t) => ({
        kernel,
        args: [cut(t + 1) - cut(t), slots, picks, inner, uPtr + cut(t) * picks * inner * size, iPtr, yPtr + cut(t) * slots * inner * size],
      })));
    }
    return call.finish();
  };
}
