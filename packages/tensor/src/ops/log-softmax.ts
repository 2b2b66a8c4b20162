import { assertFloat } from '../dtype';
import { normalizeAxis } from '../shape';
import type { Tensor } from '../tensor';
import { sub } from './binary';
import { assertTensor } from './convert';
import { stableShift } from './log-sum-exp';
import { sum } from './reduce';
import { exp, log } from './unary';

/** x − log Σ eˣ along `axis` (default: the last); stable for any magnitude. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertTensor('logSoftmax', x);
  assertFloat('logSoftmax', x.dtype);
  const axes = [normalizeAxis('logSoftmax', axis, x.rank)];
  // NOTE: (x − m) − log Σ e^(x−m), not x − logSumExp(x): at |x| ≈ 1000 the float32 log-sum-exp has
  // lost the digits that the difference needs (logSoftmax([−1000, −1000]) came out −0.69318).
  const shifted = sub(x, stableShift(x, axes));
  return sub(shifted, log(sum(exp(shifted), axes, true)));
}
