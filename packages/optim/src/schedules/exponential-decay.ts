import type { Schedule } from '@nn/tensor';
import { checkNumber } from './check';

export interface ExponentialDecayOptions {
  /** η₀, the value at step 0. */
  readonly init: number;
  /** γ: the factor applied every `decaySteps` steps (> 0; < 1 decays). */
  readonly decayRate: number;
  /** How many steps one factor of γ takes (> 0). */
  readonly decaySteps: number;
  /** Apply γ in whole jumps, γ^⌊t/decaySteps⌋, instead of smoothly. Default false. */
  readonly staircase?: boolean;
}

/** η_t = η₀·γ^(t/T), or η₀·γ^⌊t/T⌋ with `staircase` (TensorFlow's and optax's exponential decay). */
export function exponentialDecay({ init, decayRate, decaySteps, staircase = false }: ExponentialDecayOptions): Schedule {
  const op = 'exponentialDecay';
  checkNumber(op, 'init', init);
  checkNumber(op, 'decayRate', decayRate, { positive: true });
  checkNumber(op, 'decaySteps', decaySteps, { positive: true });
  return (step) => {
    const p = step / decaySteps;
    return init * decayRate ** (staircase ? Math.floor(p) : p);
  };
}
