import type { GradientTransformation, Schedule } from '@nn/tensor';
import { chain } from '../chain';
import { named } from '../transforms/check';
import { type ScaleByAdaptiveGainsOptions, type ScaleByAdaptiveGainsState, scaleByAdaptiveGains } from '../transforms/scale-by-adaptive-gains';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';

export type AdaptiveGainsOptions = ScaleByAdaptiveGainsOptions;

/** The chain's states: the gains and the previous gradient (or velocity), then the rate's step count. */
export type AdaptiveGainsState = readonly [ScaleByAdaptiveGainsState, ScaleByLearningRateState];

/**
 * Gradient descent with a gain per weight: θ ← θ − η·gain·g, each gain growing by δ (0.05) while its
 * gradient keeps its sign and shrinking by the factor 1 − δ when it flips, within [0.1, 10]; with
 * `momentum`, θ ← θ − η·v, v ← μ·v + gain·g, and the gains follow the agreement of g with v. PyTorch has
 * no such optimizer; the defaults are the course's. Best with full batches or big mini-batches, where a
 * sign flip means an overshoot rather than sampling noise.
 * @see Jacobs (1988), "Increased rates of convergence through learning rate adaptation".
 */
export function adaptiveGains(learningRate: number | Schedule, options: AdaptiveGainsOptions = {}): GradientTransformation<AdaptiveGainsState> {
  return named('adaptiveGains', 2, chain(scaleByAdaptiveGains(options), scaleByLearningRate(learningRate)));
}
