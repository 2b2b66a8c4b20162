import { type Schedule, ValueError } from '@nn/tensor';
import { checkNumber } from './check';
import { joinSchedules } from './join-schedules';
import { linearSchedule } from './linear-schedule';

export interface WarmupCosineDecayOptions {
  /** The value at step 0 (often 0). */
  readonly init: number;
  /** The value reached at the end of the warm-up. */
  readonly peak: number;
  /** Steps of the linear warm-up (a positive integer). */
  readonly warmupSteps: number;
  /** Total steps, warm-up included, at whose end the value is `end` (an integer > warmupSteps). */
  readonly decaySteps: number;
  /** The floor after the decay. Default 0. */
  readonly end?: number;
}

/**
 * A linear warm-up from `init` to `peak` over `warmupSteps`, then half a cosine from `peak` down to
 * `end` at step `decaySteps` (optax's `warmup_cosine_decay_schedule`).
 * @see Goyal et al. (2017), "Accurate, large minibatch SGD: training ImageNet in 1 hour" (warm-up).
 */
export function warmupCosineDecay({ init, peak, warmupSteps, decaySteps, end = 0 }: WarmupCosineDecayOptions): Schedule {
  const op = 'warmupCosineDecay';
  checkNumber(op, 'peak', peak);
  checkNumber(op, 'end', end);
  checkNumber(op, 'warmupSteps', warmupSteps, { positive: true, integer: true });
  checkNumber(op, 'decaySteps', decaySteps, { positive: true, integer: true });
  if (decaySteps <= warmupSteps) throw new ValueError(op, `decaySteps (the total, warm-up included) must be > warmupSteps = ${warmupSteps}, got ${decaySteps}`);
  const cosine = (t: number) => {
    const c = 0.5 * (1 + Math.cos((Math.PI * Math.min(t, decaySteps - warmupSteps)) / (decaySteps - warmupSteps)));
    return end + (peak - end) * c;
  };
  checkNumber(op, 'init', init);
  return joinSchedules([linearSchedule({ init, end: peak, transitionSteps: warmupSteps }), cosine], [warmupSteps]);
}
