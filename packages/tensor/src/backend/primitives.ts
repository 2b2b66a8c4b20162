import type { DType } from '../dtype';

/**
 * Every primitive op and the attributes its kernel receives. A backend implements exactly these; every
 * other op is a composite of them. The autodiff rules live in `autodiff/vjp-rules.ts`, one per primitive.
 */
export interface PrimitiveAttrs {
  // elementwise unary
  neg: object;
  exp: object;
  log: object;
  sqrt: object;
  abs: object;
  sign: object;
  tanh: object;
  sigmoid: object;
  relu: object;
  softplus: object;
  square: object;
  // elementwise binary, broadcasting
  add: object;
  sub: object;
  mul: object;
  div: object;
  pow: object;
  maximum: object;
  minimum: object;
  // comparisons → 0/1 masks of the inputs' dtype
  greater: object;
  greaterEqual: object;
  less: object;
  lessEqual: object;
  equal: object;
  notEqual: object;
  /** where(cond, a, b): a where cond ≠ 0, else b; all three broadcast. */
  where: object;
  // reductions
  sum: { readonly axes: readonly number[]; readonly keepDims: boolean };
  max: { readonly axes: readonly number[]; readonly keepDims: boolean };
  min: { readonly axes: readonly number[]; readonly keepDims: boolean };
  argmax: { readonly axis: number; readonly keepDims: boolean };
  argmin: { readonly axis: number; readonly keepDims: boolean };
  /** Batched matrix product over the last two axes; leading axes broadcast. */
  matmul: { readonly transposeA: boolean; readonly transposeB: boolean };
  /**
   * gatherMatmul(a, x, indices): y[n, m, p] = Σ_k a[m, k] · x[n, indices[k, p]] — a [M, K] times the
   * columns gathered from each row of x [N, L] by int32 indices [K, P]; y [N, M, P]. A convolution's
   * im2col and GEMM in one op, so that a backend need not materialize the columns.
   */
  gatherMatmul: object;
  /**
   * gatherMatmulGradA(g, x, indices): y[m, k] = Σ_n Σ_p g[n, m, p] · x[n, indices[k, p]] — gatherMatmul's
   * gradient with respect to a (a convolution's filter gradient); g [N, M, P], x [N, L], y [M, K].
   */
  gatherMatmulGradA: object;
  // layout
  reshape: { readonly shape: readonly number[] };
  permute: { readonly perm: readonly number[] };
  broadcastTo: { readonly shape: readonly number[] };
  slice: { readonly begin: readonly number[]; readonly size: readonly number[] };
  concat: { readonly axis: number };
  pad: { readonly paddings: readonly (readonly [number, number])[]; readonly value: number };
  /** gather(x, indices): takes `indices` (int32, any shape) along `axis`. */
  gather: { readonly axis: number };
  /**
   * gatherArgmax(x, windows): y[r, l] = r·P + windows[l, t*], the position in x [R, P] flattened of the
   * largest of the elements windows[l, 0…T−1] of row r (the first of ties, the first NaN), int32 [R, L]:
   * a max-pooling's winners as positions a gather takes, from int32 windows [L, T] with entries in [0, P).
   */
  gatherArgmax: object;
  /** scatterAdd(updates, indices): the adjoint of gather; sums updates into `size` slots along `axis`. */
  scatterAdd: { readonly axis: number; readonly size: number };
  cast: { readonly dtype: DType };
  /** Identity whose gradient is zero (stopGradient). */
  identity: object;
}

export type Primitive = keyof PrimitiveAttrs;

export const unaryPrimitives = [
  'neg', 'exp', 'log', 'sqrt', 'abs', 'sign', 'tanh', 'sigmoid', 'relu', 'softplus', 'square',
] as const satisfies readonly Primitive[];
export type UnaryPrimitive = (typeof unaryPrimitives)[number];

export const binaryPrimitives = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum'] as const satisfies readonly Primitive[];
export type BinaryPrimitive = (typeof binaryPrimitives)[number];

export const comparePrimitives = [
  'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual',
] as const satisfies readonly Primitive[];
export type ComparePrimitive = (typeof comparePrimitives)[number];
