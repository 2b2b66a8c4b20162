import type { Schedule } from '@nn/tensor';
import { checkNumber } from './check';

/** The schedules `constantSchedule` made: a function the same at every step, so an update that reads one makes the same ops every step. */
const constants = new WeakSet<Schedule>();

/** η_t = η: the same value at every step. */
export function constantSchedule(value: number): Schedule {
  checkNumber('constantSchedule', 'value', value);
  const schedule: Schedule = () => value;
  constants.add(schedule);
  return schedule;
}

/**
 * Whether `value` is the same at every step: a number, or a schedule from `constantSchedule`. A
 * transform that reads only such values makes the same ops every step (`sameOpsEveryStep`), so that
 * `fit` can record its update with the step. @internal
 */
export function isFixed(value: number | Schedule): boolean {
  return typeof value !== 'function' || constants.has(value);
}
