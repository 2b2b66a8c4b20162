import { assertFloat } from '../dtype';
import type { Tensor } from '../tensor';
import { sub } from './binary';
import { assertTensor } from './convert';
import { logSumExp } from './log-sum-exp';

/** x − log Σ eˣ along `axis` (default: the last); stable for any magnitude. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertTensor('logSoftmax', x);
  assertFloat('logSoftmax', x.dtype);
  return sub(x, logSumExp(x, axis, true));
}
