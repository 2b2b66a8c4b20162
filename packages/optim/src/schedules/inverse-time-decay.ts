import type { Schedule } from '@nn/tensor';
import { checkNumber } from './check';

export interface InverseTimeDecayOptions {
  /** ε₀, the value at step 0. */
  readonly init: number;
  /** τ, the step at which the rate has halved (> 0). */
  readonly tau: number;
}

/**
 * ε_t = ε₀ / (1 + t/τ): flat for t ≪ τ, then ∝ 1/t, which satisfies the Robbins–Monro conditions
 * (Σ ε_t = ∞, Σ ε_t² < ∞) that make SGD converge. TensorFlow's InverseTimeDecay with decayRate/decaySteps = 1/τ.
 * @see Robbins, Monro (1951), "A stochastic approximation method".
 * @see Darken, Moody (1990), "Note on learning rate schedules for stochastic optimization" (search then converge).
 */
export function inverseTimeDecay({ init, tau }: InverseTimeDecayOptions): Schedule {
  const op = 'inverseTimeDecay';
  checkNumber(op, 'init', init);
  checkNumber(op, 'tau', tau, { positive: true });
  return (step) => init / (1 + step / tau);
}
