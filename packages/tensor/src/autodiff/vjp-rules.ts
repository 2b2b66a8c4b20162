import type { Primitive, PrimitiveAttrs } from '../backend/primitives';
import type { Tensor } from '../tensor';
import { add, div, greater, greaterEqual, lessEqual, less, mul, pow, sub, equal } from '../ops/binary';
import { broadcastTo } from '../ops/broadcast-to';
import { cast } from '../ops/cast';
import { gather } from '../ops/gather';
import { gatherMatmul } from '../ops/gather-matmul';
import { gatherMatmulGradA } from '../ops/gather-matmul-grad-a';
import { matmul } from '../ops/matmul';
import { pad } from '../ops/pad';
import { permute } from '../ops/permute';
import { sum } from '../ops/reduce';
import { reshape } from '../ops/reshape';
import { runPrimitive } from './run-primitive';
import { slice } from '../ops/slice';
import { sumToShape } from '../ops/sum-to-shape';
import { log, neg, sigmoid, sign } from '../ops/unary';
import { where } from '../ops/where';
import { isFloatDType } from '../dtype';

/**
 * dL/d(inputs) given g = dL/d(out), written with differentiable ops so that gradients of gradients
 * remain possible. `null`: no gradient flows to that input. Broadcasting is not the rules' concern:
 * the tape sums each gradient back to its input's shape.
 */
export type VjpRule<P extends Primitive = Primitive> = (
  g: Tensor,
  inputs: readonly Tensor[],
  out: Tensor,
  attrs: PrimitiveAttrs[P],
  /** needed[i]: whether input i needs a gradient; costly rules skip the others (returning null). */
  needed: readonly boolean[],
) => readonly (Tensor | null)[];

/** `product()` when the input needs a gradient, else null (and nothing computed). */
const when = (need: boolean, product: () => Tensor): Tensor | null => (need ? product() : null);

/** The gradient of a max/min reduction: g shared equally among the elements equal to the extremum. */
const extremumRule: VjpRule<'max' | 'min'> = (g, [a], out, { axes, keepDims }) => {
  const kept = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outKept = keepDims ? out : reshape(out, kept);
  const gKept = keepDims ? g : reshape(g, kept);
  const mask = equal(a, outKept);
  return [mul(div(mask, sum(mask, axes, true)), gKept)];
};

export const vjp: { readonly [P in Primitive]: VjpRule<P> } = {
  neg: (g) => [neg(g)], //                                   d(−a) = −da
  exp: (g, _, out) => [mul(g, out)], //                       d(eᵃ) = eᵃ·da
  log: (g, [a]) => [div(g, a)], //                            d(ln a) = da / a
  sqrt: (g, _, out) => [div(g, mul(out, 2))], //              d(√a) = da / (2√a)
  abs: (g, [a]) => [mul(g, sign(a))], //                      d|a| = sign(a)·da
  sign: () => [null], //                                      piecewise constant
  tanh: (g, _, out) => [mul(g, sub(1, mul(out, out)))], //    d tanh a = (1 − tanh²a)·da
  sigmoid: (g, _, out) => [mul(g, mul(out, sub(1, out)))], // dσ = σ(1 − σ)·da
  relu: (g, [a]) => [mul(g, greater(a, 0))], //               1 for a > 0, 0 otherwise (0 at 0)
  softplus: (g, [a]) => [mul(g, sigmoid(a))], //              d ln(1 + eᵃ) = σ(a)·da
  square: (g, [a]) => [mul(g, mul(a, 2))], //                 d(a²) = 2a·da
  add: (g) => [g, g], //                                      d(a + b) = da + db
  sub: (g) => [g, neg(g)], //                                 d(a − b) = da − db
  mul: (g, [a, b]) => [mul(g, b), mul(g, a)], //              d(ab) = b·da + a·db
  div: (g, [a, b]) => [div(g, b), neg(mul(g, div(div(a, b), b)))], // d(a/b) = da/b − a·db/b²
  pow: (g, [a, b], out) => [
    mul(g, mul(b, pow(a, sub(b, 1)))), //                    ∂aᵇ/∂a = b·aᵇ⁻¹
    mul(g, where(greater(a, 0), mul(out, log(where(greater(a, 0), a, 1))), 0)), // ∂aᵇ/∂b = aᵇ ln a (0 for a ≤ 0)
  ],
  maximum: (g, [a, b]) => [mul(g, greaterEqual(a, b)), mul(g, less(a, b))], //  tie → a
  minimum: (g, [a, b]) => [mul(g, lessEqual(a, b)), mul(g, greater(a, b))], //  tie → a
  greater: () => [null, null],
  greaterEqual: () => [null, null],
  less: () => [null, null],
  lessEqual: () => [null, null],
  equal: () => [null, null],
  notEqual: () => [null, null],
  where: (g, [c]) => [null, where(c, g, 0), where(c, 0, g)],
  sum: (g, [a], _, { axes, keepDims }) => [ //                each input element receives its sum's g
    broadcastTo(keepDims ? g : reshape(g, a.shape.map((d, i) => (axes.includes(i) ? 1 : d))), a.shape),
  ],
  max: extremumRule,
  min: extremumRule,
  argmax: () => [null],
  argmin: () => [null],
  gatherArgmax: () => [null, null],
  matmul: (g, [a, b], _, { transposeA: ta, transposeB: tb }, [needA, needB]) => {
    // C = op(A)·op(B): dop(A) = g·op(B)ᵀ, dop(B) = op(A)ᵀ·g, transposed back where A or B was stored so.
    // NOTE: an input without a gradient (a batch of data) skips its product: a third of a dense layer's work.
    if (!ta && !tb) return [when(needA, () => matmul(g, b, { transposeB: true })), when(needB, () => matmul(a, g, { transposeA: true }))];
    if (!ta && tb) return [when(needA, () => matmul(g, b)), when(needB, () => matmul(g, a, { transposeA: true }))];
    if (ta && !tb) return [when(needA, () => matmul(b, g, { transposeB: true })), when(needB, () => matmul(a, g))];
    return [
      when(needA, () => matmul(b, g, { transposeA: true, transposeB: true })),
      when(needB, () => matmul(g, a, { transposeA: true, transposeB: true })),
    ];
  },
  reshape: (g, [a]) => [reshape(g, a.shape)],
  permute: (g, _, __, { perm }) => {
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [permute(g, inverse)];
  },
  broadcastTo: (g, [a]) => [sumToShape(g, a.shape)],
  slice: (g, [a], _, { begin, size }) => [pad(g, a.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]))],
  concat: (g, inputs, _, { axis }) => {
    let at = 0;
    return inputs.map((t) => {
      const part = slice(g, g.shape.map((_, i) => (i === axis ? at : 0)), t.shape);
      at += t.shape[axis];
      return part;
    });
  },
  pad: (g, [a], _, { paddings }) => [slice(g, paddings.map(([before]) => before), a.shape)],
  // y[n] = a·C[n] with C[n] = x[n][indices]: da = Σ_n g[n]·C[n]ᵀ; dx scatters aᵀ·g[n] back to the gathered entries
  gatherMatmul: (g, [a, x, indices], _, __, [needA, needX]) => [
    when(needA, () => gatherMatmulGradA(g, x, indices)),
    when(needX, () => runPrimitive('scatterAdd', [matmul(a, g, { transposeA: true }), indices], { axis: 1, size: x.shape[1] }, x.shape, g.dtype)),
    null,
  ],
  // y = Σ_n g[n]·C[n]ᵀ: dg[n] = dy·C[n] (a gatherMatmul); dx scatters dyᵀ·g[n] ([K, P]) back to the gathered entries
  gatherMatmulGradA: (dy, [g, x, indices], _, __, [needG, needX]) => [
    when(needG, () => gatherMatmul(dy, x, indices)),
    when(needX, () => runPrimitive('scatterAdd', [matmul(dy, g, { transposeA: true }), indices], { axis: 1, size: x.shape[1] }, x.shape, g.dtype)),
    null,
  ],
  gather: (g, [a, indices], _, { axis }) => [
    runPrimitive('scatterAdd', [g, indices], { axis, size: a.shape[axis] }, a.shape, g.dtype),
    null,
  ],
  scatterAdd: (g, [, indices], _, { axis }) => [gather(g, indices, axis), null],
  cast: (g, [a]) => [isFloatDType(a.dtype) ? cast(g, a.dtype) : null],
  identity: () => [null],
};
