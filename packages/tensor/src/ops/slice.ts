import { runPrimitive } from '../autodiff/run-primitive';
import { ShapeError, formatShape } from '../errors';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/**
 * The block starting at `begin` with extent `size` along each axis (−1: to the end). Shorter lists
 * leave the remaining axes whole; a negative begin counts from the end.
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  const op = 'slice';
  assertTensor(op, x);
  if (begin.length > x.rank || (size !== undefined && size.length > x.rank)) {
    throw new ShapeError(op, `begin [${begin.join(',')}] or size has more entries than the rank ${x.rank} of ${formatShape(x.shape)}`);
  }
  const b = x.shape.map((d, i) => {
    const v = begin[i] ?? 0;
    return v < 0 ? v + d : v;
  });
  const s = x.shape.map((d, i) => {
    const v = size?.[i] ?? -1;
    return v === -1 ? d - b[i] : v;
  });
  for (let i = 0; i < x.rank; i++) {
    if (!Number.isInteger(b[i]) || !Number.isInteger(s[i]) || b[i] < 0 || s[i] < 0 || b[i] + s[i] > x.shape[i]) {
      throw new ShapeError(op, `begin [${b.join(',')}] with size [${s.join(',')}] does not fit in ${formatShape(x.shape)} (axis ${i})`);
    }
  }
  if (s.every((d, i) => d === x.shape[i])) return x;
  return runPrimitive(op, [x], { begin: b, size: s }, s, x.dtype);
}
