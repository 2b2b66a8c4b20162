import type { GradientTransformation, Schedule } from '@nn/tensor';
import { checkState, named } from '../transforms/check';
import { type ScaleByAdamOptions, type ScaleByAdamState, adamUpdate, scaleByAdam } from '../transforms/scale-by-adam';
import { type ScaleByLearningRateState, learningRateAt, scaleByLearningRate } from '../transforms/scale-by-learning-rate';

export type AdamOptions = ScaleByAdamOptions;

/** The chain's states: Adam's moments, then the step count of the rate. */
export type AdamState = readonly [ScaleByAdamState, ScaleByLearningRateState];

/**
 * Adam: θ ← θ − η·m̂/(√v̂ + ε) (see {@link scaleByAdam}), exactly `torch.optim.Adam` with its defaults
 * (η = 1e-3, betas [0.9, 0.999], ε = 1e-8, amsgrad false). PyTorch's `weight_decay` (L2 added to the
 * gradient) is not an option here: chain `addDecayedWeights(λ)` before `scaleByAdam`, or use `adamw`.
 * Its first step is η·g/(|g| + ε), η·sign(g) up to ε, for any scale of g. It is
 * `chain(scaleByAdam(options), scaleByLearningRate(η))`, bit for bit and state for state, in one pass.
 * @see Kingma, Ba (2015), "Adam: a method for stochastic optimization".
 */
export function adam(learningRate: number | Schedule = 1e-3, options: AdamOptions = {}): GradientTransformation<AdamState> {
  const direction = scaleByAdam(options);
  const rate = scaleByLearningRate(learningRate);
  const rateAt = learningRateAt(learningRate);
  const { betas = [0.9, 0.999], eps = 1e-8, amsgrad = false } = options;
  // NOTE: chain(scaleByAdam, scaleByLearningRate) in one pass per leaf: the rate multiplies u inside
  // Adam's fused update (the same float32 product the chain's next transform makes), which saves a
  // full read and write of every update. The state is the chain's, so the two are interchangeable.
  return named('adam', 2, {
    retainsOnlyState: true,
    init: (params) => [direction.init(params), rate.init(params)],
    update(grads, [moments, { count }]) {
      checkState('scaleByAdam', moments, ['count', 'mu', 'nu', 'nuMax']);
      const [updates, next] = adamUpdate({ betas, eps, amsgrad }, grads, moments, -rateAt(count));
      return [updates, [next, { count: count + 1 }]];
    },
  });
}
