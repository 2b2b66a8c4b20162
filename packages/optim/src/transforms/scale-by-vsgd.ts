import {
  type GradientTransformation,
  type Params,
  type Tensor,
  ValueError,
  abs,
  add,
  div,
  fullLike,
  greater,
  mapTree,
  maximum,
  mul,
  sqrt,
  square,
  sub,
  zerosLike,
} from '@nn/tensor';
import { checkState } from './check';

export interface ScaleByVsgdOptions {
  /**
   * n₀, the slow start's samples: the first n₀ updates only collect ḡ, v̄, h̄ and v̄ʰ as plain means
   * (they emit zero updates), and τ starts at n₀. A positive integer; default 10 (the reference
   * implementation's `init_samples`).
   */
  readonly initSamples?: number;
  /**
   * C ≥ 1, the slow-start factor: after the n₀ samples v̄ and h̄ are multiplied by C and v̄ʰ by C², so
   * the first rates are C times too small rather than too large. Default 2 (the reference
   * implementation's `slow_constant`; the paper suggests up to d/10 for d weights).
   */
  readonly slowStart?: number;
  /** ε > 0 in the denominators |δ| + ε, v̄ + ε and v̄ʰ + ε, for weights whose gradient is always 0. Default 1e-12. */
  readonly epsilon?: number;
  /**
   * The outlier detection of the finite-difference paper: where the gradient or the curvature lies more
   * than two standard deviations from its running mean, |g − ḡ| > 2·√(v̄ − ḡ²) or |h − h̄| > 2·√(v̄ʰ − h̄²),
   * the memory grows first, τ ← τ + 1, so that the sample weighs less in the averages. Default false.
   */
  readonly outliers?: boolean;
}

/** Per weight (trees shaped like the params): the running averages, the memory size and the last rate. */
export interface ScaleByVsgdState {
  /** Updates made so far; the first n₀ are the slow start. */
  readonly count: number;
  /** ḡ, the running average of the gradient. */
  readonly gradAvg: Params;
  /** v̄, the running average of the squared gradient. */
  readonly gradSqAvg: Params;
  /** h̄, the running average of the finite-difference curvature. */
  readonly curvAvg: Params;
  /** v̄ʰ, the running average of the squared curvature. */
  readonly curvSqAvg: Params;
  /** τ, the memory size (how many samples the averages span); grows while the gradient is mostly noise. */
  readonly memory: Params;
  /** η*, the rate of the last update (0 during the slow start). */
  readonly rate: Params;
}

/**
 * vSGD-fd, learning rates without a learning rate: per weight, with g the gradient at θ and
 * h = |g(θ + δ) − g(θ)| / |δ| a finite-difference curvature on the same mini-batch (δ = ḡ, or g
 * during the slow start),
 *
 *   ḡ ← (1 − 1/τ)·ḡ + g/τ,   v̄ ← (1 − 1/τ)·v̄ + g²/τ,   h̄ ← (1 − 1/τ)·h̄ + h/τ,   v̄ʰ ← (1 − 1/τ)·v̄ʰ + h²/τ
 *   η* = (ḡ²/v̄)·(h̄/v̄ʰ),   τ ← (1 − ḡ²/v̄)·τ + 1,   emits η*·g
 *
 * (chain with `scale(-1)`, or use `vsgd()`). ḡ²/v̄ ≤ 1 is the share of the gradient that is signal:
 * where the gradient is mostly noise the rate falls and the memory τ grows, so rates anneal by
 * themselves on a stationary problem and grow again when it changes. h̄/v̄ʰ is the robust inverse
 * curvature of the finite-difference paper; when the curvature has no noise (a quadratic) it tends to
 * 1/h̄ as the slow start fades, and η* to the ICML paper's ḡ²/(h̄·v̄). Slow start: the first n₀
 * updates collect plain means and emit zeros, then v̄, h̄ are multiplied by C and v̄ʰ by C², τ = n₀.
 *
 * This is the finite-difference variant of Schaul & LeCun (2013) for one gradient per update (the
 * transform sees the mini-batch's mean gradient, so the paper's minibatch size n is 1 here), with
 * their outlier detection as an option; it leaves out their reweighting for sparse gradients. The
 * curvature needs a second gradient per update: `ctx.lossAndGrad` at θ + δ, which `fit` and
 * `minimize` pass (on the same mini-batch). The bbprop curvature of vSGD-l needs model internals and
 * is not offered.
 * @see Schaul, Zhang, LeCun (2013), "No More Pesky Learning Rates", ICML (Algorithm 1, vSGD-l).
 * @see Schaul, LeCun (2013), "Adaptive learning rates and parallelization for stochastic, sparse, non-smooth gradients", ICLR (finite differences).
 */
export function scaleByVsgd({ initSamples = 10, slowStart = 2, epsilon = 1e-12, outliers = false }: ScaleByVsgdOptions = {}): GradientTransformation<ScaleByVsgdState> {
  const op = 'scaleByVsgd';
  if (typeof initSamples !== 'number' || !Number.isInteger(initSamples) || initSamples < 1) {
    throw new ValueError(op, `initSamples (n₀) must be a positive integer, got ${String(initSamples)}`);
  }
  if (typeof slowStart !== 'number' || !Number.isFinite(slowStart) || slowStart < 1) {
    throw new ValueError(op, `slowStart (C) must be a finite number ≥ 1, got ${String(slowStart)}`);
  }
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
    throw new ValueError(op, `epsilon must be a finite number > 0, got ${String(epsilon)}`);
  }
  const zeros = (params: Params) => mapTree(zerosLike, params);
  return {
    retainsOnlyState: true,
    init: (params) => ({
      count: 0,
      gradAvg: zeros(params),
      gradSqAvg: zeros(params),
      curvAvg: zeros(params),
      curvSqAvg: zeros(params),
      memory: mapTree((p) => fullLike(p, initSamples), params),
      rate: zeros(params),
    }),
    update(grads, state, params, ctx) {
      checkState(op, state, ['count', 'gradAvg', 'gradSqAvg', 'curvAvg', 'curvSqAvg', 'memory', 'rate']);
      if (params === undefined || ctx?.lossAndGrad === undefined) {
        throw new ValueError(op, 'needs params and ctx.lossAndGrad, to take the gradient at θ + δ on the same mini-batch (fit and minimize pass both)');
      }
      const slow = state.count < initSamples;
      // (1) the finite-difference curvature along δ: h = |g(θ + δ) − g(θ)| / (|δ| + ε)
      const delta = slow ? grads : (state.gradAvg as typeof grads);
      const shifted = ctx.lossAndGrad(mapTree((p, d) => add(p, d), params, delta)).grads;
      const curv = mapTree((g, gs, d) => div(abs(sub(gs, g)), add(abs(d), epsilon)), grads, shifted, delta);
      if (slow) {
        // (2) slow start: plain means over the first n₀ samples, then the overestimate by C (v̄ʰ by C²)
        const last = state.count + 1 === initSamples;
        const mean = (avg: Params, x: Params, c: number) => mapTree((a, xi) => mul(add(a, div(xi, initSamples)), last ? c : 1), avg, x);
        const next: ScaleByVsgdState = {
          count: state.count + 1,
          gradAvg: mean(state.gradAvg, grads, 1),
          gradSqAvg: mean(state.gradSqAvg, mapTree(square, grads), slowStart),
          curvAvg: mean(state.curvAvg, curv, slowStart),
          curvSqAvg: mean(state.curvSqAvg, mapTree(square, curv), slowStart * slowStart),
          memory: state.memory,
          rate: state.rate,
        };
        return [mapTree(zerosLike, grads), next];
      }
      // (2) with `outliers`, τ ← τ + 1 where g or h is more than two standard deviations from its mean
      const memoryNow = outliers
        ? mapTree((tau, g, h, gb, vb, hb, hv) => add(tau, maximum(isOutlier(g, gb, vb), isOutlier(h, hb, hv))), state.memory, grads, curv, state.gradAvg, state.gradSqAvg, state.curvAvg, state.curvSqAvg)
        : state.memory;
      // (3) the running averages, each over the last ≈ τ samples
      const average = (avg: Params, x: Params) => mapTree((a, xi, tau) => add(mul(a, sub(1, div(1, tau))), div(xi, tau)), avg, x, memoryNow);
      const gradAvg = average(state.gradAvg, grads);
      const gradSqAvg = average(state.gradSqAvg, mapTree(square, grads));
      const curvAvg = average(state.curvAvg, curv);
      const curvSqAvg = average(state.curvSqAvg, mapTree(square, curv));
      // (4) the rate η* = (ḡ²/v̄)·(h̄/v̄ʰ); ḡ² ≤ v̄ holds exactly, the max only absorbs rounding
      const signal = mapTree((gb, vb) => div(square(gb), add(vb, epsilon)), gradAvg, gradSqAvg);
      const rate = mapTree((s, hb, hv) => div(mul(s, hb), add(hv, epsilon)), signal, curvAvg, curvSqAvg);
      // (5) the memory size τ ← (1 − ḡ²/v̄)·τ + 1
      const memory = mapTree((s, tau) => add(mul(maximum(sub(1, s), 0), tau), 1), signal, memoryNow);
      const updates = mapTree((g, r) => mul(r, g), grads, rate as typeof grads);
      return [updates, { count: state.count + 1, gradAvg, gradSqAvg, curvAvg, curvSqAvg, memory, rate }];
    },
  };
}

/** 1 where |x − mean| > 2·√(meanSq − mean²), two standard deviations from the running mean, else 0. */
function isOutlier(x: Tensor, mean: Tensor, meanSq: Tensor): Tensor {
  return greater(abs(sub(x, mean)), mul(sqrt(maximum(sub(meanSq, square(mean)), 0)), 2));
}
