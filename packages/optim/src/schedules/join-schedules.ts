import { type Schedule, ValueError } from '@nn/tensor';
import { checkNumber } from './check';

/**
 * Runs `schedules[0]` until `boundaries[0]`, then `schedules[1]` from its own step 0, and so on: schedule
 * i sees t − boundaries[i − 1] (optax's `join_schedules`). One boundary fewer than schedules, increasing.
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  const op = 'joinSchedules';
  if (schedules.length === 0 || schedules.some((s) => typeof s !== 'function')) throw new ValueError(op, `expected a non-empty list of schedules, got ${String(schedules)}`);
  if (boundaries.length !== schedules.length - 1) {
    throw new ValueError(op, `expected ${schedules.length - 1} boundaries for ${schedules.length} schedules, got ${boundaries.length}`);
  }
  boundaries.forEach((b, i) => {
    checkNumber(op, `boundaries[${i}]`, b, { integer: true });
    if (b < 0 || (i > 0 && b <= boundaries[i - 1])) throw new ValueError(op, `boundaries must be increasing integers ≥ 0, got [${boundaries.join(', ')}]`);
  });
  return (step) => {
    let i = 0;
    while (i < boundaries.length && step >= boundaries[i]) i++;
    return schedules[i](i === 0 ? step : step - boundaries[i - 1]);
  };
}
