import { type Kernel, type KernelInput, type KernelOutput, sizeOf, windowPair } from '@nn/tensor';
import type { Arena, ArenaCall } from './arena';
import type { GemmThreads } from './gemm-threads';
import { SHARES_PER_THREAD } from './thread-protocol';
import type { KernelExports } from './kernels-module';

/**
 * Pooling reductions over at least this many values are split between threads (when the backend
 * has helpers and runs over shared memory): one LeNet-5 S2 at batch 256 reads 1.2 million.
 */
export const THREADED_MIN_WINDOW_VALUES = 1 << 18;

/** Below this many elements the CPU backend's loops win (measured crossover: 64–256). */
export const ELEMENTWISE_MIN_SIZE = 256;

export type WasmBinary =
  | 'add' | 'sub' | 'mul' | 'div' | 'maximum' | 'minimum'
  | 'greater' | 'greaterEqual' | 'less' | 'lessEqual' | 'equal' | 'notEqual';
export type WasmUnary = 'neg' | 'relu' | 'square' | 'abs' | 'sqrt';

/** How one operand is read as a rows × cols matrix: element (r, c) at r·row + c·col. */
interface Access {
  readonly row: number;
  readonly col: number;
}

/**
 * Arithmetic, maximum/minimum and comparisons on the wasm SIMD loops when both operands read as rows × cols matrices
 * (same shape, a scalar, a row vector such as a bias, or a column vector); other broadcasts, int32
 * and outputs smaller than `minSize` go to `fallback`.
 */
export function wasmBinaryKernel<P extends WasmBinary>(
  op: P, wasm: KernelExports, arena: Arena, fallback: Kernel<P>, minSize: number,
): Kernel<P> {
  const codes: { readonly [Q in WasmBinary]: WebAssembly.Global } = {
    add: wasm.ADD, sub: wasm.SUB, mul: wasm.MUL, div: wasm.DIV, maximum: wasm.MAX, minimum: wasm.MIN,
    greater: wasm.GT, greaterEqual: wasm.GE, less: wasm.LT, lessEqual: wasm.LE, equal: wasm.EQ, notEqual: wasm.NE,
  };
  const code = codes[op].value as number;
  return (inputs, attrs, out) => {
    const [a, b] = inputs;
    const size = elementSize(out);
    const total = sizeOf(out.shape);
    const plan = size === 0 || total < minSize || a.dtype !== out.dtype || b.dtype !== out.dtype ? null : planBinary(a, b, out, total);
    if (plan === null) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const aPtr = call.input(a.data);
    const bPtr = call.input(b.data);
    const yPtr = call.output(total, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    const { rows, cols, a: pa, b: pb } = plan;
    (size === 4 ? wasm.binaryF32 : wasm.binaryF64)(code, rows, cols, aPtr, pa.row, pa.col, bPtr, pb.row, pb.col, yPtr);
    return call.finish();
  };
}

/** neg, relu, square, abs and sqrt on the wasm SIMD loops (float32 and float64 of `minSize` elements or more). */
export function wasmUnaryKernel<P extends WasmUnary>(
  op: P, wasm: KernelExports, arena: Arena, fallback: Kernel<P>, minSize: number,
): Kernel<P> {
  const codes: { readonly [Q in WasmUnary]: WebAssembly.Global } = {
    neg: wasm.NEG, relu: wasm.RELU, square: wasm.SQUARE, abs: wasm.ABS, sqrt: wasm.SQRT,
  };
  const code = codes[op].value as number;
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const length = sizeOf(x.shape);
    const size = elementSize(out);
    if (size === 0 || x.dtype !== out.dtype || length < minSize) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(length, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    (size === 4 ? wasm.unaryF32 : wasm.unaryF64)(code, length, xPtr, yPtr);
    return call.finish();
  };
}

/**
 * sum over the trailing axes (a row's sum: [batch, features] → [batch], or the whole tensor) or over the
 * leading ones (a bias gradient: [batch, features] → [features]) on the wasm loops, which sum in float64
 * in the CPU backend's order (trailing first, as it checks); other reductions go to `fallback`.
 */
export function wasmSumKernel(wasm: KernelExports, arena: Arena, fallback: Kernel<'sum'>, minSize: number): Kernel<'sum'> {
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const length = sizeOf(x.shape);
    const size = elementSize(out);
    const { axes } = attrs;
    const lead = axes.length;
    // NOTE: in this order only (the op front-end sorts them): the CPU kernel sums in the order of `axes`.
    const trailing = axes.every((axis, i) => axis === x.shape.length - lead + i);
    const leading = axes.every((axis, i) => axis === i);
    if (size === 0 || x.dtype !== out.dtype || length < minSize || lead === 0 || !(trailing || leading)) return fallback(inputs, attrs, out);
    const kept = trailing ? sizeOf(x.shape.slice(0, x.shape.length - lead)) : sizeOf(x.shape.slice(lead));
    if (kept === 0) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(kept, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    if (trailing) (size === 4 ? wasm.sumTrailingF32 : wasm.sumTrailingF64)(kept, length / kept, xPtr, yPtr);
    else (size === 4 ? wasm.sumRowsF32 : wasm.sumRowsF64)(length / kept, kept, xPtr, yPtr);
    return call.finish();
  };
}

/**
 * max or min over a run of consecutive axes (softmax's over the classes) or over the last axis and the
 * last but two (max-pooling's windows as [N·C·Ho, kh, Wo, kw], in one pass); anything else, int32, and
 * inputs under `minSize` elements go to `fallback`.
 */
export function wasmExtremumKernel<P extends 'max' | 'min'>(op: P, wasm: KernelExports, arena: Arena, fallback: Kernel<P>, minSize: number, threads?: GemmThreads): Kernel<P> {
  const sign = op === 'max' ? 1 : -1;
  return (inputs, attrs, out) => {
    const [x] = inputs;
    const size = elementSize(out);
    const { axes } = attrs;
    if (size === 0 || x.dtype !== out.dtype || sizeOf(x.shape) < minSize) return fallback(inputs, attrs, out);
    const pair = windowPair(x.shape, axes);
    if (pair !== undefined) {
      const { outer, rows, mid, cols } = pair;
      if (rows * cols === 0) return fallback(inputs, attrs, out);
      const call = arena.begin();
      const xPtr = call.input(x.data);
      const yPtr = call.output(outer * mid, out.dtype);
      if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
      const kernel = size === 4 ? 'extremum2F32' : 'extremum2F64';
      const parts = threads?.ready() && sizeOf(x.shape) >= THREADED_MIN_WINDOW_VALUES ? Math.min(SHARES_PER_THREAD * (threads.helpers + 1), outer) : 1;
      if (parts === 1) {
        wasm[kernel](sign, outer, rows, mid, cols, xPtr, yPtr);
      } else {
        // split by outer rows, like a GEMM's shares (several a thread); each writes its own outputs
        const cut = (t: number) => Math.floor((t * outer) / parts);
        threads!.run(Array.from({ length: parts }, (_, t) => ({
          kernel,
          args: [sign, cut(t + 1) - cut(t), rows, mid, cols, xPtr + cut(t) * rows * mid * cols * size, yPtr + cut(t) * mid * size],
        })));
      }
      return call.finish();
    }
    const consecutive = axes.length > 0 && axes.every((axis, i) => axis === axes[0] + i);
    if (!consecutive) return fallback(inputs, attrs, out);
    const outer = sizeOf(x.shape.slice(0, axes[0]));
    const dim = sizeOf(x.shape.slice(axes[0], axes[axes.length - 1] + 1));
    const inner = sizeOf(x.shape.slice(axes[axes.length - 1] + 1));
    if (dim === 0) return fallback(inputs, attrs, out);
    const call = arena.begin();
    const xPtr = call.input(x.data);
    const yPtr = call.output(outer * inner, out.dtype);
    if (!call.ok) return abort(call, () => fallback(inputs, attrs, out));
    (size === 4 ? wasm.extremumF32 : wasm.extremumF64)(sign, outer, dim, inner, xPtr, yPtr);
    return call.finish();
  };
}

/** Frees a call that could not get its memory, then runs `fallback` (another kernel). */
export function abort<T>(call: ArenaCall, fallback: () => T): T {
  call.abort();
  return fallback();
}

function elementSize(out: KernelOutput): 0 | 4 | 8 {
  return out.dtype === 'float32' ? 4 : out.dtype === 'float64' ? 8 : 0;
}

/**
 * The rows × cols view of the output and of each operand, or null when an operand broadcasts in a
 * way the wasm loop does not read (anything but full, scalar, row vector or column vector).
 */
function planBinary(a: KernelInput, b: KernelInput, out: KernelOutput, total: number): { rows: number; cols: number; a: Access; b: Access } | null {
  const aFull = sameShape(a.shape, out.shape);
  const bFull = sameShape(b.shape, out.shape);
  const aOne = sizeOf(a.shape) === 1;
  const bOne = sizeOf(b.shape) === 1;
  // Flat when neither operand needs the row structure.
  if ((aFull || aOne) && (bFull || bOne) && !(aOne && bOne)) {
    return { rows: 1, cols: total, a: { row: 0, col: aOne ? 0 : 1 }, b: { row: 0, col: bOne ? 0 : 1 } };
  }
  const cols = out.shape.length === 0 ? 1 : out.shape[out.shape.length - 1];
  if (cols === 0) return null;
  const pa = access(a.shape, out.shape, cols);
  const pb = access(b.shape, out.shape, cols);
  if (pa === null || pb === null || (pa.col === 0 && pb.col === 0)) return null;
  return { rows: total / cols, cols, a: pa, b: pb };
}

function access(shape: readonly number[], outShape: readonly number[], cols: number): Access | null {
  if (sameShape(shape, outShape)) return { row: cols, col: 1 };
  if (sizeOf(shape) === 1) return { row: 0, col: 0 };
  const rank = outShape.length;
  const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
  // a row vector: 1 along every axis but the last, which is full
  if (padded[rank - 1] === cols && padded.slice(0, -1).every((d) => d === 1)) return { row: 0, col: 1 };
  // a column vector: full along every axis but the last, which is 1
  if (padded[rank - 1] === 1 && padded.slice(0, -1).every((d, i) => d === outShape[i])) return { row: 1, col: 0 };
  return null;
}

function sameShape(x: readonly number[], y: readonly number[]): boolean {
  return x.length === y.length && x.every((d, i) => d === y[i]);
}
