import type { GradientTransformation, Schedule } from '@nn/tensor';
import { chain } from '../chain';
import { named } from '../transforms/check';
import { type ScaleByAdamOptions, type ScaleByAdamState, scaleByAdam } from '../transforms/scale-by-adam';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';

export type AdamOptions = ScaleByAdamOptions;

/** The chain's states: Adam's moments, then the step count of the rate. */
export type AdamState = readonly [ScaleByAdamState, ScaleByLearningRateState];

/**
 * Adam: θ ← θ − η·m̂/(√v̂ + ε) (see {@link scaleByAdam}), exactly `torch.optim.Adam` with its defaults
 * (η = 1e-3, betas [0.9, 0.999], ε = 1e-8, amsgrad false). PyTorch's `weight_decay` (L2 added to the
 * gradient) is not an option here: chain `addDecayedWeights(λ)` before `scaleByAdam`, or use `adamw`.
 * Its first step is η·g/(|g| + ε), η·sign(g) up to ε, for any scale of g.
 * @see Kingma, Ba (2015), "Adam: a method for stochastic optimization".
 */
export function adam(learningRate: number | Schedule = 1e-3, options: AdamOptions = {}): GradientTransformation<AdamState> {
  return named('adam', 2, chain(scaleByAdam(options), scaleByLearningRate(learningRate)));
}
