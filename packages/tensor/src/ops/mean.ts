import { assertFloat } from '../dtype';
import { normalizeAxes } from '../shape';
import type { Tensor } from '../tensor';
import { div } from './binary';
import { assertTensor } from './convert';
import { type Axes, sum } from './reduce';

/** Arithmetic mean over `axis` (all axes when omitted): Σx / n. */
export function mean(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('mean', x);
  assertFloat('mean', x.dtype);
  const axes = normalizeAxes('mean', axis, x.rank);
  const n = axes.reduce((p, a) => p * x.shape[a], 1);
  return div(sum(x, axes, keepDims), n);
}
