import { type GradientTransformation, type Schedule, ValueError } from '@nn/tensor';
import { chain } from '../chain';
import { named } from '../transforms/check';
import { type IdentityState, identity } from '../transforms/identity';
import { type ScaleByLearningRateState, scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { type SutskeverMomentumState, sutskeverMomentum } from '../transforms/sutskever-momentum';
import { type TraceState, trace } from '../transforms/trace';

export interface SgdOptions {
  /** μ: 0 for plain gradient descent, 0.9 is the usual momentum; or a schedule μ(t) (e.g. 0.5 raised to 0.9). */
  readonly momentum?: number | Schedule;
  /** Nesterov momentum (needs momentum, as in PyTorch). */
  readonly nesterov?: boolean;
  /**
   * Where the rate goes: 'pytorch' (default) keeps v ← μ·v + g and steps θ ← θ − η·v; 'sutskever' (the
   * course's) keeps the step itself, v ← μ·v − η·g, θ ← θ + v. Equal for a constant rate; after a rate
   * change PyTorch rescales the whole velocity at once, Sutskever's lets the old steps decay out.
   */
  readonly convention?: 'pytorch' | 'sutskever';
}

/**
 * The chain's states: the momentum velocity (or nothing without momentum), then the step count; with
 * the 'sutskever' convention, the velocity (a step, rate included) and count, then nothing.
 */
export type SgdState = readonly [TraceState | SutskeverMomentumState | IdentityState, ScaleByLearningRateState | IdentityState];

/**
 * Stochastic gradient descent: θ ← θ − η·g, or with momentum v ← μ·v + g, θ ← θ − η·v (Nesterov:
 * θ ← θ − η·(g + μ·v)), exactly PyTorch's `torch.optim.SGD` with dampening 0. The recipe is
 * `chain(trace({ decay: momentum, nesterov }) or identity(), scaleByLearningRate(learningRate))`, or
 * `chain(sutskeverMomentum({ learningRate, decay: momentum, nesterov }), identity())` with `convention: 'sutskever'`.
 * @see Robbins, Monro (1951), "A stochastic approximation method".
 * @see Rumelhart, Hinton, Williams (1986), "Learning representations by back-propagating errors" (momentum).
 * @see Sutskever, Martens, Dahl, Hinton (2013), "On the importance of initialization and momentum in deep learning".
 */
export function sgd(
  learningRate: number | Schedule,
  { momentum = 0, nesterov = false, convention = 'pytorch' }: SgdOptions = {},
): GradientTransformation<SgdState> {
  const scheduled = typeof momentum === 'function';
  if (!scheduled && (typeof momentum !== 'number' || !Number.isFinite(momentum) || momentum < 0)) {
    throw new ValueError('sgd', `momentum must be a finite number ≥ 0 or a schedule, got ${String(momentum)}`);
  }
  if (convention !== 'pytorch' && convention !== 'sutskever') {
    throw new ValueError('sgd', `convention must be 'pytorch' or 'sutskever', got ${JSON.stringify(convention)}`);
  }
  if (nesterov && momentum === 0) throw new ValueError('sgd', 'Nesterov momentum needs momentum > 0');
  if (convention === 'sutskever') {
    if (momentum === 0) throw new ValueError('sgd', "the 'sutskever' convention is about momentum: it needs momentum > 0");
    return named('sgd', 2, chain(sutskeverMomentum({ learningRate, decay: momentum, nesterov }), identity()));
  }
  return named('sgd', 2, chain(scheduled || momentum > 0 ? trace({ decay: momentum, nesterov }) : identity(), scaleByLearningRate(learningRate)));
}
