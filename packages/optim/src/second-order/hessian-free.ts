import { type GradientTransformation, ValueError } from '@nn/tensor';
import { checkInteger, checkRange, dot, fromFlat, requireLossAndGrad, requireParams, scaled, toFlat } from './flat';
import { curvatureProduct } from './curvature';
import { gaussNewtonVectorProduct } from './gauss-newton-vector-product';

export interface HessianFreeOptions {
  /** λ₀, the initial Tikhonov damping of the curvature B + λI. Default 1. */
  readonly damping?: number;
  /** Most conjugate-gradient iterations per update. Default 100. */
  readonly maxIterations?: number;
  /** ζ: CG starts from ζ times the previous update's CG solution. Default 0.95. */
  readonly decay?: number;
  /**
   * B: 'gauss-newton' (Jᵀ·H_L·J, from ctx.outputAndLoss, which fit passes), 'hessian' (exact
   * Hessian-vector products through ctx.lossFn, or differences of ctx.lossAndGrad without it), or
   * 'auto': Gauss–Newton when ctx.outputAndLoss is there, else the Hessian. Default 'auto'.
   */
  readonly curvature?: 'auto' | 'gauss-newton' | 'hessian';
}

/** The adapted damping and the last CG solution (the next update's starting point, decayed). */
export interface HessianFreeState {
  readonly damping: number;
  readonly previous: number[] | null;
}

/**
 * Hessian-free optimization (Martens 2010): each update minimizes the damped quadratic model
 * q(p) = f + gᵀp + ½pᵀ(B + λI)p by preconditioned conjugate gradients, with B·v products only (never B):
 * (1) CG starts from ζ·p₋ (the previous solution decayed), is preconditioned by
 *     M = (diag(g²) + λ)^0.75, and stops at `maxIterations`, at non-positive curvature, or when q has
 *     improved by less than a fraction kε of itself over the last k = max(10, i/10) iterations (ε = 5e-4);
 * (2) backtracks over the CG iterates kept at i = ⌈1.3ʲ⌉: from the last, steps back while the earlier
 *     iterate gives a lower f;
 * (3) adapts λ by the reduction ratio ρ = (f(θ + p) − f(θ))/(q(p) − q(0)): ρ < ¼ makes λ ← 3/2·λ,
 *     ρ > ¾ makes λ ← 2/3·λ. An update that lowers f by no iterate emits zeros.
 * NOTE: Martens' preconditioner sums per-example squared gradients; an update sees only the
 * full-batch gradient, so M uses its square.
 * @see Martens (2010), "Deep learning via Hessian-free optimization", ICML.
 */
export function hessianFree({ damping = 1, maxIterations = 100, decay = 0.95, curvature = 'auto' }: HessianFreeOptions = {}): GradientTransformation<HessianFreeState> {
  const op = 'hessianFree';
  checkRange(op, 'damping', damping, 0, Infinity);
  checkInteger(op, 'maxIterations', maxIterations, 1);
  checkRange(op, 'decay', decay, 0, 1, true);
  if (curvature !== 'auto' && curvature !== 'gauss-newton' && curvature !== 'hessian') {
    throw new ValueError(op, `curvature must be 'auto', 'gauss-newton' or 'hessian', got ${String(curvature)}`);
  }
  return {
    init: () => ({ damping, previous: null }),
    update(grads, state, params, ctx) {
      const lossAndGrad = requireLossAndGrad(op, ctx);
      const p = requireParams(op, params);
      const g = toFlat(grads);
      const n = g.length;
      const lambda = state.damping;
      if (g.every((gi) => gi === 0)) return [fromFlat(g, grads), state];
      const f0 = ctx?.loss ?? lossAndGrad(p).loss;
      const split = ctx?.outputAndLoss;
      if (curvature === 'gauss-newton' && split === undefined) {
        throw new ValueError(op, "curvature 'gauss-newton' needs ctx.outputAndLoss ({ output(params), loss(output) }), which fit passes");
      }
      const curvatureOf =
        curvature !== 'hessian' && split !== undefined
          ? (v: number[]) => toFlat(gaussNewtonVectorProduct(split.output, split.loss, p, fromFlat(v, p)))
          : curvatureProduct(p, ctx, lossAndGrad);
      const damped = (v: number[]) => curvatureOf(v).map((bv, i) => bv + lambda * v[i]);
      const preconditioner = g.map((gi) => (gi * gi + lambda) ** 0.75);

      // (1) preconditioned CG on (B + λI)·p = −g from ζ·p₋, keeping iterates at i = ⌈1.3ʲ⌉
      let x = state.previous !== null && state.previous.length === n ? scaled(state.previous, decay) : new Array<number>(n).fill(0);
      const ax0 = x.some((v) => v !== 0) ? damped(x) : new Array<number>(n).fill(0);
      let r = g.map((gi, i) => -gi - ax0[i]); // r = b − A·x with b = −g
      let y = r.map((ri, i) => ri / preconditioner[i]);
      let d = [...y];
      let ry = dot(r, y);
      const phi = (xs: number[], rs: number[]) => -0.5 * xs.reduce((s, xi, i) => s + xi * (-g[i] + rs[i]), 0); // ½xᵀAx − bᵀx
      const phis: number[] = [phi(x, r)];
      const kept: number[][] = [];
      let nextKeep = 1;
      for (let i = 1; i <= maxIterations; i++) {
        const ad = damped(d);
        const curvatureAlong = dot(d, ad);
        if (!(curvatureAlong > 0)) break;
        const alpha = ry / curvatureAlong;
        x = x.map((xi, k) => xi + alpha * d[k]);
        r = r.map((ri, k) => ri - alpha * ad[k]);
        y = r.map((ri, k) => ri / preconditioner[k]);
        const ryNext = dot(r, y);
        d = y.map((yi, k) => yi + (ryNext / ry) * d[k]);
        ry = ryNext;
        phis.push(phi(x, r));
        if (i >= nextKeep) {
          kept.push(x);
          while (nextKeep <= i) nextKeep = Math.ceil(nextKeep * 1.3);
        }
        const k = Math.max(10, Math.floor(0.1 * i));
        if (i > k && phis[i] < 0 && (phis[i] - phis[i - k]) / phis[i] < k * 5e-4) break;
        if (ry === 0) break;
      }
      if (kept.length === 0 || kept[kept.length - 1] !== x) kept.push(x);

      // (2) backtrack over the kept iterates while an earlier one gives a lower loss
      const base = toFlat(p);
      const lossAt = (step: number[]) => lossAndGrad(fromFlat(step.map((s, k) => s + base[k]), p)).loss;
      let j = kept.length - 1;
      let best = lossAt(kept[j]);
      while (j > 0) {
        const earlier = lossAt(kept[j - 1]);
        if (!(earlier < best)) break;
        best = earlier;
        j--;
      }
      const step = kept[j];

      // (3) the reduction ratio against the damped model q(p) − q(0) = gᵀp + ½pᵀ(B + λI)p
      const predicted = dot(g, step) + 0.5 * dot(step, damped(step));
      const rho = (best - f0) / predicted;
      const nextDamping = !(rho >= 0.25) ? lambda * 1.5 : rho > 0.75 ? (lambda * 2) / 3 : lambda;
      const accepted = Number.isFinite(best) && best < f0;
      return [fromFlat(accepted ? step : scaled(step, 0), grads), { damping: nextDamping, previous: x }];
    },
  };
}
