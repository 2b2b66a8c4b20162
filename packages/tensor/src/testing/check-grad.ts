import { valueAndGrad } from '../autodiff/grad';
import { DTypeError, NnError } from '../errors';
import { fromTypedArray } from '../ops/creation';
import type { Params } from '../spec/params';
import type { Tensor } from '../tensor';
import { mapTree, treeLeaves } from '../tree';

export interface CheckGradOptions {
  /** Central-difference step. Default 1e-6. */
  readonly eps?: number;
  /** Relative tolerance on each partial derivative. Default 1e-5. */
  readonly rtol?: number;
  /** Absolute tolerance. Default 1e-7. */
  readonly atol?: number;
}

export interface CheckGradResult {
  readonly ok: boolean;
  readonly maxAbsError: number;
  /** Where the analytic and numeric gradients differ most (leaf index in tree order, element index). */
  readonly worst: { readonly leaf: number; readonly index: number; readonly analytic: number; readonly numeric: number } | undefined;
}

/**
 * Compares autodiff gradients of the scalar f(params) with float64 central differences
 * (f(θ + ε) − f(θ − ε)) / 2ε, element by element. Every leaf must be float64.
 */
export function checkGrad<P extends Params>(f: (params: P) => Tensor, params: P, { eps = 1e-6, rtol = 1e-5, atol = 1e-7 }: CheckGradOptions = {}): CheckGradResult {
  const leaves = treeLeaves(params);
  leaves.forEach((t, i) => {
    if (t.dtype !== 'float64') throw new DTypeError('checkGrad', `leaf ${i} is ${t.dtype}; finite differences need float64`);
  });
  const analytic = treeLeaves(valueAndGrad(f, params).grads).map((g) => g.dataSync());
  const evaluate = (leafIndex: number, values: Float64Array): number => {
    let k = 0;
    const moved = mapTree((t) => (k++ === leafIndex ? fromTypedArray(values, t.shape, 'float64') : t), params);
    const out = f(moved);
    if (out.size !== 1) throw new NnError('checkGrad', 'f must return a scalar');
    return out.item();
  };
  let maxAbsError = 0;
  let worst: CheckGradResult['worst'];
  let worstExcess = 0;
  leaves.forEach((leaf, li) => {
    const base = leaf.dataSync();
    for (let i = 0; i < base.length; i++) {
      const plus = Float64Array.from(base);
      plus[i] += eps;
      const minus = Float64Array.from(base);
      minus[i] -= eps;
      const numeric = (evaluate(li, plus) - evaluate(li, minus)) / (2 * eps);
      const a = analytic[li][i];
      const err = Math.abs(a - numeric);
      maxAbsError = Math.max(maxAbsError, Number.isNaN(err) ? Infinity : err);
      const excess = Number.isNaN(err) ? Infinity : err - (atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = { leaf: li, index: i, analytic: a, numeric };
      }
    }
  });
  return { ok: worst === undefined, maxAbsError, worst };
}

/** Throws with the worst mismatch unless checkGrad passes. */
export function expectGradClose<P extends Params>(f: (params: P) => Tensor, params: P, options?: CheckGradOptions): void {
  const result = checkGrad(f, params, options);
  if (!result.ok) {
    const w = result.worst!;
    throw new Error(`gradient mismatch at leaf ${w.leaf}, element ${w.index}: autodiff ${w.analytic}, finite differences ${w.numeric}`);
  }
}
