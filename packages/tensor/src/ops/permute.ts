import { runPrimitive } from '../autodiff/run-primitive';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** Reorders axes: output axis i is input axis perm[i]. */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  const op = 'permute';
  assertTensor(op, x);
  const normalized = perm.map((p) => (p < 0 ? p + x.rank : p));
  const valid = normalized.length === x.rank && normalized.every((p, i) => Number.isInteger(p) && p >= 0 && p < x.rank && normalized.indexOf(p) === i);
  if (!valid) throw new ShapeError(op, `expected a permutation of 0…${x.rank - 1}, got [${perm.join(',')}]`);
  if (normalized.every((p, i) => p === i)) return x;
  return runPrimitive(op, [x], { perm: normalized }, normalized.map((p) => x.shape[p]), x.dtype);
}

/** Reverses the axes (a matrix transpose for rank 2), or permutes them by `perm`. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor('transpose', x);
  return permute(x, perm ?? x.shape.map((_, i) => x.rank - 1 - i));
}
