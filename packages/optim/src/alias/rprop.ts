import type { GradientTransformation } from '@nn/tensor';
import { chain } from '../chain';
import { named } from '../transforms/check';
import { type ScaleState, scale } from '../transforms/scale';
import { type ScaleByRpropOptions, type ScaleByRpropState, scaleByRprop } from '../transforms/scale-by-rprop';

export type RpropOptions = Omit<ScaleByRpropOptions, 'initialStep'>;

/** The chain's states: the step sizes and what the variant remembers, then the sign flip's (none). */
export type RpropState = readonly [ScaleByRpropState, ScaleState];

/**
 * Rprop: θ ← θ − sign(g)·Δ with a step size Δ per weight that grows by η⁺ while the gradient keeps its
 * sign and shrinks by η⁻ when it flips (see {@link scaleByRprop} for the four variants); `learningRate`
 * is the first step size Δ₀. The defaults, iRprop−, η = [0.5, 1.2], Δ in [1e-6, 50], Δ₀ = 0.01, are
 * `torch.optim.Rprop`'s. Full-batch only: on mini-batches the signs flip by noise and the steps shrink away.
 * @see Riedmiller, Braun (1993), "A direct adaptive method for faster backpropagation learning: the RPROP algorithm".
 * @see Igel, Hüsken (2000), "Improving the Rprop learning algorithm".
 */
export function rprop(learningRate = 1e-2, options: RpropOptions = {}): GradientTransformation<RpropState> {
  return named('rprop', 2, chain(scaleByRprop({ ...options, initialStep: learningRate }), scale(-1)));
}
