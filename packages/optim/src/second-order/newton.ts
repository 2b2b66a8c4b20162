import { type GradientTransformation, eigh, fromTypedArray } from '@nn/tensor';
import { checkInteger, checkRange, dot, fromFlat, requireLossAndGrad, requireParams, scaled, toFlat } from './flat';
import { curvatureProduct } from './curvature';
import { hessianRows } from './hessian';

export interface NewtonOptions {
  /** λ₀, the initial Levenberg–Marquardt damping; the shift is λ·‖g‖. Default 1e-3. */
  readonly damping?: number;
  /** Most trial steps per update (each rejected one multiplies λ by 4). Default 30. */
  readonly maxTries?: number;
}

/** The damping λ as adapted so far. */
export interface NewtonState {
  readonly damping: number;
}

/**
 * Newton's method with Levenberg–Marquardt damping: solves (H + μ·I)·d = −g with the exact Hessian H
 * and μ = λ·‖g‖ (raised past −λ_min(H) where H is not positive definite), then compares the actual
 * reduction f(θ) − f(θ + d) with the predicted −(gᵀd + ½dᵀHd): ρ < ¼ makes λ ← 3/2·λ, ρ > ¾
 * makes λ ← 2/3·λ, and a step that raises f is rejected (λ ← 4λ) and retried (zeros after `maxTries`). Since μ shrinks
 * with ‖g‖, convergence stays quadratic near a minimum with H positive definite.
 * H comes from n Hessian-vector products: by double backward through `ctx.lossFn` (fit and minimize
 * pass it), else by central differences of `ctx.lossAndGrad`. O(n²) memory, O(n³) work: small models.
 * @see Levenberg (1944); Marquardt (1963), "An algorithm for least-squares estimation of nonlinear parameters".
 * @see Li, Fukushima, Qi, Yamashita (2004), "Regularized Newton methods for convex minimization problems with singular solutions" (μ ∝ ‖g‖).
 */
export function newton({ damping = 1e-3, maxTries = 30 }: NewtonOptions = {}): GradientTransformation<NewtonState> {
  const op = 'newton';
  checkRange(op, 'damping', damping, 0, Infinity);
  checkInteger(op, 'maxTries', maxTries, 1);
  return {
    init: () => ({ damping }),
    update(grads, state, params, ctx) {
      const lossAndGrad = requireLossAndGrad(op, ctx);
      const p = requireParams(op, params);
      const g = toFlat(grads);
      const n = g.length;
      const gNorm = Math.sqrt(dot(g, g));
      if (gNorm === 0) return [fromFlat(scaled(g, 0), grads), state];
      const f0 = ctx?.loss ?? lossAndGrad(p).loss;
      // (1) the Hessian and its eigendecomposition H = Q·diag(Λ)·Qᵀ, so each trial μ costs O(n²)
      const product = curvatureProduct(p, ctx, lossAndGrad);
      const h = hessianRows(product, n);
      const { values, vectors } = eigh(fromTypedArray(Float64Array.from(h.flat()), [n, n], 'float64'));
      const lambdas = Array.from(values.dataSync());
      const q = vectors.dataSync();
      const qtg = lambdas.map((_, k) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += q[i * n + k] * g[i];
        return s;
      });
      const x = toFlat(p);
      let lambda = state.damping;
      for (let attempt = 0; attempt < maxTries; attempt++) {
        // (2) d = −Q·diag(1/(Λ + μ))·Qᵀg, with μ past −λ_min so that H + μI is positive definite
        const mu = lambda * gNorm + Math.max(0, -lambdas[0] * (1 + 1e-6));
        const coef = qtg.map((c, k) => -c / (lambdas[k] + mu));
        const d = new Array<number>(n).fill(0);
        for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) d[i] += q[i * n + k] * coef[k];
        // (3) predicted reduction −(gᵀd + ½dᵀHd) = −Σ (cₖ·(Qᵀg)ₖ + ½Λₖcₖ²), actual reduction, ratio ρ
        const predicted = -coef.reduce((s, c, k) => s + c * qtg[k] + 0.5 * lambdas[k] * c * c, 0);
        const { loss } = lossAndGrad(fromFlat(x.map((xi, i) => xi + d[i]), p));
        const rho = (f0 - loss) / predicted;
        if (Number.isFinite(loss) && loss <= f0 && predicted > 0) {
          lambda = rho < 0.25 ? lambda * 1.5 : rho > 0.75 ? (lambda * 2) / 3 : lambda;
          return [fromFlat(d, grads), { damping: lambda }];
        }
        lambda *= 4;
      }
      return [fromFlat(scaled(g, 0), grads), { damping: state.damping * 4 }];
    },
  };
}
