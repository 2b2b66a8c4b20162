import type { Schedule } from '@nn/tensor';
import { checkNumber } from './check';

/** η_t = η: the same value at every step. */
export function constantSchedule(value: number): Schedule {
  checkNumber('constantSchedule', 'value', value);
  return () => value;
}
