import { type Params, type UpdateContext, treeLeaves } from '@nn/tensor';
import { type LossAndGrad, fromFlat, toFlat } from './flat';
import { hessianVectorProduct } from './hessian';

/**
 * v ↦ H·v at `params` (flat numbers): exact by double backward through `ctx.lossFn` when the caller
 * passes it (fit and minimize do), else central differences of the gradient,
 * (∇f(θ + εv) − ∇f(θ − εv))/2ε (Nocedal & Wright §8.1) with ε = ∛(machine ε)·(1 + ‖θ‖∞)/‖v‖∞: the
 * cube root balances truncation against rounding for central differences, and machine ε is float32's
 * when any param is float32.
 */
export function curvatureProduct(params: Params, ctx: UpdateContext | undefined, lossAndGrad: LossAndGrad): (v: number[]) => number[] {
  const lossFn = ctx?.lossFn;
  if (lossFn !== undefined) return (v) => toFlat(hessianVectorProduct(lossFn, params, fromFlat(v, params)));
  const x = toFlat(params);
  const size = x.reduce((m, xi) => Math.max(m, Math.abs(xi)), 0);
  const machine = treeLeaves(params).some((t) => t.dtype === 'float32') ? 2 ** -23 : Number.EPSILON;
  return (v) => {
    const norm = v.reduce((m, vi) => Math.max(m, Math.abs(vi)), 0);
    if (norm === 0) return v.map(() => 0);
    const eps = (Math.cbrt(machine) * (1 + size)) / norm;
    const plus = toFlat(lossAndGrad(fromFlat(x.map((xi, i) => xi + eps * v[i]), params)).grads);
    const minus = toFlat(lossAndGrad(fromFlat(x.map((xi, i) => xi - eps * v[i]), params)).grads);
    return plus.map((p, i) => (p - minus[i]) / (2 * eps));
  };
}
