import { assertFloat } from '../dtype';
import { normalizeAxis } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { logSoftmax } from './log-softmax';
import { exp } from './unary';

/** eˣ / Σ eˣ along `axis` (default: the last), computed as exp(logSoftmax) so ±1000 inputs work. */
export function softmax(x: Tensor, axis = -1): Tensor {
  assertTensor('softmax', x);
  assertFloat('softmax', x.dtype);
  normalizeAxis('softmax', axis, x.rank);
  return exp(logSoftmax(x, axis));
}
