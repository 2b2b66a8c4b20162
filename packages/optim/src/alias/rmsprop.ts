import type { GradientTransformation, Schedule } from '@nn/tensor';
import { chain } from '../chain';
import { checkNumber, named } from '../transforms/check';
import { type IdentityState, identity } from '../transforms/identity';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { type ScaleByRmsOptions, type ScaleByRmsState, scaleByRms } from '../transforms/scale-by-rms';
import { type TraceState, trace } from '../transforms/trace';

export interface RmspropOptions extends ScaleByRmsOptions {
  /** μ (≥ 0): momentum on the rescaled gradient, b ← μ·b + g/(√s + ε). Default 0. */
  readonly momentum?: number;
}

/** The chain's states: the mean square (and mean), the momentum buffer (or nothing), the rate's step count. */
export type RmspropState = readonly [ScaleByRmsState, TraceState | IdentityState, ScaleByLearningRateState];

/**
 * RMSprop: s ← α·s + (1 − α)·g², θ ← θ − η·g/(√s + ε); with momentum b ← μ·b + g/(√s + ε),
 * θ ← θ − η·b. Exactly `torch.optim.RMSprop` with its defaults (η = 1e-2, α = 0.99, ε = 1e-8 outside
 * the root, momentum 0, centered false); `epsInsideSqrt` gives √(s + ε) as in TensorFlow. The recipe
 * is `chain(scaleByRms(…), trace({ decay: momentum }) or identity(), scaleByLearningRate(η))`.
 * @see Tieleman, Hinton (2012), "Lecture 6.5 — rmsprop: divide the gradient by a running average of its recent magnitude".
 */
export function rmsprop(learningRate: number | Schedule = 1e-2, { momentum = 0, ...options }: RmspropOptions = {}): GradientTransformation<RmspropState> {
  checkNumber('rmsprop', 'momentum', momentum, { min: 0 });
  return named('rmsprop', 3, chain(scaleByRms(options), momentum > 0 ? trace({ decay: momentum }) : identity(), scaleByLearningRate(learningRate)));
}
