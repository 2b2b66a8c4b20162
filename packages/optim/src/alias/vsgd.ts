import type { GradientTransformation } from '@nn/tensor';
import { chain } from '../chain';
import { named } from '../transforms/check';
import { type ScaleState, scale } from '../transforms/scale';
import { type ScaleByVsgdOptions, type ScaleByVsgdState, scaleByVsgd } from '../transforms/scale-by-vsgd';

export type VsgdOptions = ScaleByVsgdOptions;

/** The chain's states: vSGD's statistics, then nothing for the sign flip. */
export type VsgdState = readonly [ScaleByVsgdState, ScaleState];

/**
 * vSGD, SGD without a learning rate to tune: θ ← θ − η*·g with per-weight rates η* = (ḡ²/v̄)·(h̄/v̄ʰ)
 * estimated from running averages of the gradient, its square and a finite-difference curvature
 * (vSGD-fd: see {@link scaleByVsgd} for the equations, the slow start and what is left out). Each
 * update evaluates the gradient a second time, at θ + ḡ on the same mini-batch, through
 * `ctx.lossAndGrad` (which `fit` and `minimize` pass). The recipe is `chain(scaleByVsgd(options), scale(-1))`.
 * @see Schaul, Zhang, LeCun (2013), "No More Pesky Learning Rates", ICML.
 * @see Schaul, LeCun (2013), "Adaptive learning rates and parallelization for stochastic, sparse, non-smooth gradients", ICLR.
 */
export function vsgd(options: VsgdOptions = {}): GradientTransformation<VsgdState> {
  return named('vsgd', 2, chain(scaleByVsgd(options), scale(-1)));
}
