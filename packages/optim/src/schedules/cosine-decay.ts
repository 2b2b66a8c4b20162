import { type Schedule, ValueError } from '@nn/tensor';
import { checkNumber } from './check';

export interface CosineDecayOptions {
  /** η₀, the value at step 0. */
  readonly init: number;
  /** T, the steps the decay takes (> 0); the value stays at its floor after. */
  readonly decaySteps: number;
  /** α, the floor as a fraction of η₀, in [0, 1]. Default 0. */
  readonly alpha?: number;
}

/**
 * η_t = η₀·((1 − α)·½(1 + cos(π·min(t, T)/T)) + α): half a cosine from η₀ down to α·η₀ over T steps
 * (optax's `cosine_decay_schedule`; PyTorch's CosineAnnealingLR with η_min = α·η₀, without restarts).
 * @see Loshchilov, Hutter (2017), "SGDR: stochastic gradient descent with warm restarts".
 */
export function cosineDecay({ init, decaySteps, alpha = 0 }: CosineDecayOptions): Schedule {
  const op = 'cosineDecay';
  checkNumber(op, 'init', init);
  checkNumber(op, 'decaySteps', decaySteps, { positive: true });
  checkNumber(op, 'alpha', alpha);
  if (alpha < 0 || alpha > 1) throw new ValueError(op, `alpha (the floor as a fraction of init) must be in [0, 1], got ${alpha}`);
  return (step) => {
    const cosine = 0.5 * (1 + Math.cos((Math.PI * Math.min(Math.max(step, 0), decaySteps)) / decaySteps));
    return init * ((1 - alpha) * cosine + alpha);
  };
}
