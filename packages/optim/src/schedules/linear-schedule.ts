import { type Schedule, ValueError } from '@nn/tensor';
import { checkNumber } from './check';

export interface LinearScheduleOptions {
  /** The value until `transitionBegin`. */
  readonly init: number;
  /** The value from `transitionBegin + transitionSteps` on. */
  readonly end: number;
  /** The steps the straight line from `init` to `end` takes (> 0). */
  readonly transitionSteps: number;
  /** The step where the line starts (≥ 0). Default 0. */
  readonly transitionBegin?: number;
}

/**
 * η_t = init + (end − init)·clip((t − t₀)/T, 0, 1): a linear warm-up (init 0, end the peak rate), a
 * linear decay, or a momentum raised from 0.5 to 0.9 (optax's `linear_schedule`).
 */
export function linearSchedule({ init, end, transitionSteps, transitionBegin = 0 }: LinearScheduleOptions): Schedule {
  const op = 'linearSchedule';
  checkNumber(op, 'init', init);
  checkNumber(op, 'end', end);
  checkNumber(op, 'transitionSteps', transitionSteps, { positive: true });
  checkNumber(op, 'transitionBegin', transitionBegin);
  if (transitionBegin < 0) throw new ValueError(op, `transitionBegin must be ≥ 0, got ${transitionBegin}`);
  return (step) => init + (end - init) * Math.min(Math.max((step - transitionBegin) / transitionSteps, 0), 1);
}
