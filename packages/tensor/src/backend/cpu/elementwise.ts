import type { Backend, Kernel, KernelInput, KernelOutput } from '../backend';
import type { BinaryPrimitive, ComparePrimitive, UnaryPrimitive } from '../primitives';
import { type TypedArray, allocate } from '../../dtype';
import { type Shape, shapesEqual } from '../../shape';
import { planRows } from './broadcast';
import { expForFloat32 } from './exp-float32';
import { sigmoidForFloat32 } from './sigmoid-float32';
import { tanhForFloat32 } from './tanh-float32';

export type UnaryLoop = (x: TypedArray, y: TypedArray) => void;

function unary(loop: UnaryLoop): Kernel<UnaryPrimitive> {
  return ([x], _attrs, out) => {
    const y = allocate(out.dtype, (x.data as TypedArray).length);
    loop(x.data as TypedArray, y);
    return y;
  };
}

/** y = f(x) elementwise, one loop per op (no per-element closure call), so each stays monomorphic and fast. */
export const unaryLoops: { readonly [P in UnaryPrimitive]: UnaryLoop } = {
  neg: (x, y) => { for (let i = 0; i < x.length; i++) y[i] = -x[i]; },
  // NOTE: float32 results from the table method (expForFloat32 and the others: the same float32 as Math's, ~1.5–2× faster)
  exp: (x, y) => {
    if (y instanceof Float32Array) for (let i = 0; i < x.length; i++) y[i] = expForFloat32(x[i]);
    else for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]);
  },
  log: (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.log(x[i]); },
  sqrt: (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]); },
  abs: (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.abs(x[i]); },
  sign: (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.sign(x[i]); },
  tanh: (x, y) => {
    if (y instanceof Float32Array) for (let i = 0; i < x.length; i++) y[i] = tanhForFloat32(x[i]);
    else for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]);
  },
  sigmoid: (x, y) => {
    if (y instanceof Float32Array) {
      for (let i = 0; i < x.length; i++) y[i] = sigmoidForFloat32(x[i]);
      return;
    }
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      // NOTE: two branches so exp never overflows: σ(v) = 1/(1+e^-v) = e^v/(1+e^v).
      if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        y[i] = e / (1 + e);
      }
    }
  },
  // NOTE: Math.max(v, 0) keeps NaN and maps −0 to 0, without a branch on the sign (2–3× faster on random data).
  relu: (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0); },
  softplus: (x, y) => {
    // log(1 + e^v) = max(v, 0) + log1p(e^-|v|), exact for large |v|
    for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))); }
  },
  square: (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v * v; } },
};

export const unaryKernels = Object.fromEntries(
  Object.entries(unaryLoops).map(([p, loop]) => [p, unary(loop)]),
) as unknown as { readonly [P in UnaryPrimitive]: Kernel<P> };

/** Inner loop over one row: y[o + j] = f(a[ia + j·sa], b[ib + j·sb]). */
export type RowLoop = (a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, y: TypedArray, o: number, n: number) => void;

function binary(loop: RowLoop): Kernel<BinaryPrimitive | ComparePrimitive> {
  return ([a, b], _attrs, out) => runBinary(loop, a, b, out);
}

function runBinary(loop: RowLoop, a: KernelInput, b: KernelInput, out: KernelOutput): TypedArray {
  const y = allocate(out.dtype, sizeOfOut(out));
  binaryInto(loop, a.data as TypedArray, a.shape, b.data as TypedArray, b.shape, out.shape, y);
  return y;
}

/** y = f(a, b) with broadcasting, into `y` (of out's size). */
export function binaryInto(loop: RowLoop, ad: TypedArray, aShape: Shape, bd: TypedArray, bShape: Shape, outShape: Shape, y: TypedArray): void {
  if (shapesEqual(aShape, bShape)) {
    loop(ad, 0, 1, bd, 0, 1, y, 0, y.length);
  } else if (bd.length === 1 && shapesEqual(aShape, outShape)) {
    loop(ad, 0, 1, bd, 0, 0, y, 0, y.length);
  } else if (ad.length === 1 && shapesEqual(bShape, outShape)) {
    loop(ad, 0, 0, bd, 0, 1, y, 0, y.length);
  } else {
    const plan = planRows(outShape, [aShape, bShape]);
    const [as, bs] = plan.starts;
    const [sa, sb] = plan.steps;
    for (let r = 0; r < plan.rows; r++) loop(ad, as[r], sa, bd, bs[r], sb, y, r * plan.rowLength, plan.rowLength);
  }
}

function sizeOfOut(out: KernelOutput): number {
  let n = 1;
  for (const d of out.shape) n *= d;
  return n;
}

/** One row of y = f(a, b), strided reads (0: broadcast). */
export const binaryLoops: { readonly [P in BinaryPrimitive | ComparePrimitive]: RowLoop } = {
  add: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] + b[ib + j * sb]; },
  sub: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] - b[ib + j * sb]; },
  mul: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] * b[ib + j * sb]; },
  div: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] / b[ib + j * sb]; },
  pow: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = Math.pow(a[ia + j * sa], b[ib + j * sb]); },
  maximum: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = Math.max(a[ia + j * sa], b[ib + j * sb]); },
  minimum: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = Math.min(a[ia + j * sa], b[ib + j * sb]); },
  greater: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] > b[ib + j * sb] ? 1 : 0; },
  greaterEqual: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] >= b[ib + j * sb] ? 1 : 0; },
  less: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] < b[ib + j * sb] ? 1 : 0; },
  lessEqual: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] <= b[ib + j * sb] ? 1 : 0; },
  equal: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] === b[ib + j * sb] ? 1 : 0; },
  notEqual: (a, ia, sa, b, ib, sb, y, o, n) => { for (let j = 0; j < n; j++) y[o + j] = a[ia + j * sa] !== b[ib + j * sb] ? 1 : 0; },
};

export const binaryKernels = Object.fromEntries(
  Object.entries(binaryLoops).map(([p, loop]) => [p, binary(loop)]),
) as unknown as { readonly [P in BinaryPrimitive | ComparePrimitive]: Kernel<P> };

/** where(c, a, b): a where c ≠ 0, else b, all three broadcast to the output. */
export const whereKernel: Kernel<'where'> = ([c, a, b], _attrs, out) => {
  const cd = c.data as TypedArray;
  const ad = a.data as TypedArray;
  const bd = b.data as TypedArray;
  const y = allocate(out.dtype, sizeOfOut(out));
  const plan = planRows(out.shape, [c.shape, a.shape, b.shape]);
  const [cs, as, bs] = plan.starts;
  const [sc, sa, sb] = plan.steps;
  const n = plan.rowLength;
  for (let r = 0; r < plan.rows; r++) {
    const o = r * n, ic = cs[r], ia = as[r], ib = bs[r];
    for (let j = 0; j < n; j++) y[o + j] = cd[ic + j * sc] !== 0 ? ad[ia + j * sa] : bd[ib + j * sb];
  }
  return y;
};

export type ElementwiseKernels = Pick<Backend['kernels'], UnaryPrimitive | BinaryPrimitive | ComparePrimitive | 'where'>;
