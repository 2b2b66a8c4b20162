import type { GradientTransformation, Schedule } from '@nn/tensor';
import { chain } from '../chain';
import { named } from '../transforms/check';
import { type ScaleByAdadeltaOptions, type ScaleByAdadeltaState, scaleByAdadelta } from '../transforms/scale-by-adadelta';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';

export type AdadeltaOptions = ScaleByAdadeltaOptions;

/** The chain's states: the two running averages, then the rate's step count. */
export type AdadeltaState = readonly [ScaleByAdadeltaState, ScaleByLearningRateState];

/**
 * Adadelta: θ ← θ − η·Δ with Δ = √(E[Δ²] + ε)/√(E[g²] + ε)·g (see {@link scaleByAdadelta}); exactly
 * `torch.optim.Adadelta` with its defaults (η = 1.0, ρ = 0.9, ε = 1e-6).
 * @see Zeiler (2012), "ADADELTA: an adaptive learning rate method".
 */
export function adadelta(learningRate: number | Schedule = 1, options: AdadeltaOptions = {}): GradientTransformation<AdadeltaState> {
  return named('adadelta', 2, chain(scaleByAdadelta(options), scaleByLearningRate(learningRate)));
}
