import { type Params, type Tensor, add, assertSameTree, cast, fromTypedArray, grad, mul, sum, treeLeaves } from '@nn/tensor';
import { fromFlat, toFlat } from './flat';

/**
 * H·v = ∇_θ(∇f(θ)·v): the Hessian of the scalar f at `params` times the direction `v` (a tree shaped
 * like `params`), by reverse mode over reverse mode (double backward), without forming H. Costs about
 * two gradient evaluations. `f` must be differentiable twice (every @nn op's gradient is).
 * @see Pearlmutter (1994), "Fast exact multiplication by the Hessian".
 */
export function hessianVectorProduct<P extends Params>(f: (params: P) => Tensor, params: P, v: P): P {
  assertSameTree('hessianVectorProduct', params, v);
  const directions = treeLeaves(v);
  return grad((p: P) => {
    const g = treeLeaves(grad(f, p));
    return g.map((gi, i) => sum(mul(gi, cast(directions[i], gi.dtype)))).reduce((a, b) => add(a, b));
  }, params);
}

/**
 * The n×n Hessian ∂²f/∂θᵢ∂θⱼ of the scalar f over all n elements of `params` (in tree order, as
 * flattenParams lists them), as a float64 tensor: n Hessian-vector products, one per unit vector,
 * symmetrized. For small models: n double-backward passes and n² numbers.
 */
export function hessian<P extends Params>(f: (params: P) => Tensor, params: P): Tensor {
  const n = treeLeaves(params).reduce((k, t) => k + t.size, 0);
  const rows = hessianRows((v) => toFlat(hessianVectorProduct(f, params, fromFlat(v, params))), n);
  return fromTypedArray(Float64Array.from(rows.flat()), [n, n], 'float64');
}

/** The symmetrized matrix whose i-th column is product(eᵢ). */
export function hessianRows(product: (v: number[]) => number[], n: number): number[][] {
  const columns = Array.from({ length: n }, (_, i) => {
    const e = new Array<number>(n).fill(0);
    e[i] = 1;
    return product(e);
  });
  return columns.map((_, i) => columns.map((_, j) => (columns[i][j] + columns[j][i]) / 2));
}
