import type { GradientTransformation, Schedule } from '@nn/tensor';
import { chain } from '../chain';
import { type IdentityState } from '../transforms/identity';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { named } from '../transforms/check';
import { type ScaleByAdamOptions, type ScaleByAdamState, scaleByAdam } from '../transforms/scale-by-adam';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';

export interface AdamwOptions extends ScaleByAdamOptions {
  /** λ, the decoupled weight decay (≥ 0). Default 1e-2, as PyTorch. */
  readonly weightDecay?: number;
}

/** The chain's states: Adam's moments, the decay's (none), then the step count of the rate. */
export type AdamwState = readonly [ScaleByAdamState, IdentityState, ScaleByLearningRateState];

/**
 * AdamW: θ ← θ − η·λ·θ − η·m̂/(√v̂ + ε), the decay applied to the weights directly rather than added
 * to the gradient that Adam rescales; exactly `torch.optim.AdamW` (η = 1e-3, λ = 1e-2, betas
 * [0.9, 0.999], ε = 1e-8). A schedule for η scales the decay too, as in PyTorch. Needs params in
 * `update`. The recipe is `chain(scaleByAdam(…), addDecayedWeights(λ), scaleByLearningRate(η))`.
 * @see Loshchilov, Hutter (2019), "Decoupled weight decay regularization".
 */
export function adamw(learningRate: number | Schedule = 1e-3, { weightDecay = 1e-2, ...options }: AdamwOptions = {}): GradientTransformation<AdamwState> {
  return named('adamw', 3, chain(scaleByAdam(options), addDecayedWeights(weightDecay), scaleByLearningRate(learningRate)));
}
