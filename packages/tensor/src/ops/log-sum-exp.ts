import { assertFloat } from '../dtype';
import { normalizeAxes } from '../shape';
import type { Tensor } from '../tensor';
import { add, less, sub } from './binary';
import { assertTensor } from './convert';
import { type Axes, max, sum } from './reduce';
import { reshape } from './reshape';
import { stopGradient } from './stop-gradient';
import { abs, exp, log } from './unary';
import { where } from './where';

/** log Σ eˣ over `axis`, stable for any magnitude: m + log Σ e^(x−m) with m = max x. */
export function logSumExp(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('logSumExp', x);
  assertFloat('logSumExp', x.dtype);
  const axes = normalizeAxes('logSumExp', axis, x.rank);
  const m = stableShift(x, axes);
  const out = add(log(sum(exp(sub(x, m)), axes, true)), m);
  return keepDims ? out : reshape(out, x.shape.filter((_, i) => !axes.includes(i)));
}

/** m = max x over `axes` (kept as 1), the shift that keeps e^(x−m) ≤ 1; ±∞ maxima become 0. */
export function stableShift(x: Tensor, axes: readonly number[]): Tensor {
  // NOTE: m is a constant to autodiff: the results do not depend on it, and ±∞ maxima become 0 so
  // that an all −∞ row gives −∞ rather than NaN.
  const rawMax = stopGradient(max(x, axes, true));
  return where(less(abs(rawMax), Infinity), rawMax, 0);
}
