import { type GradientTransformation, type Schedule, ValueError } from '@nn/tensor';
import { chain } from '../chain';
import { type IdentityState, identity } from '../transforms/identity';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { type TraceState, trace } from '../transforms/trace';

export interface SgdOptions {
  /** μ: 0 for plain gradient descent, 0.9 is the usual momentum. */
  readonly momentum?: number;
  /** Nesterov momentum (needs momentum > 0, as in PyTorch). */
  readonly nesterov?: boolean;
}

/** The chain's states: the momentum velocity (or nothing without momentum), then the step count. */
export type SgdState = readonly [TraceState | IdentityState, ScaleByLearningRateState];

/**
 * Stochastic gradient descent: θ ← θ − η·g, or with momentum v ← μ·v + g, θ ← θ − η·v (Nesterov:
 * θ ← θ − η·(g + μ·v)), exactly PyTorch's `torch.optim.SGD` with dampening 0. The recipe is
 * `chain(trace({ decay: momentum, nesterov }) or identity(), scaleByLearningRate(learningRate))`.
 * @see Robbins, Monro (1951), "A stochastic approximation method".
 * @see Rumelhart, Hinton, Williams (1986), "Learning representations by back-propagating errors" (momentum).
 */
export function sgd(learningRate: number | Schedule, { momentum = 0, nesterov = false }: SgdOptions = {}): GradientTransformation<SgdState> {
  if (typeof momentum !== 'number' || !Number.isFinite(momentum) || momentum < 0) {
    throw new ValueError('sgd', `momentum must be a finite number ≥ 0, got ${String(momentum)}`);
  }
  if (nesterov && momentum === 0) throw new ValueError('sgd', 'Nesterov momentum needs momentum > 0');
  return chain(momentum > 0 ? trace({ decay: momentum, nesterov }) : identity(), scaleByLearningRate(learningRate));
}
