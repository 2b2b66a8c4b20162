import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { maximum, minimum } from './binary';
import { assertTensor } from './convert';

/** min(max(x, lo), hi); the gradient is 1 on [lo, hi] (ends included, as PyTorch's clamp) and 0 outside. */
export function clip(x: Tensor, lo: number, hi: number): Tensor {
  assertTensor('clip', x);
  if (!(lo <= hi)) throw new ValueError('clip', `expected lo ≤ hi, got lo = ${lo}, hi = ${hi}`);
  return minimum(maximum(x, lo), hi);
}
