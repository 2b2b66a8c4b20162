import { runPrimitive } from '../autodiff/run-primitive';
import { ShapeError, formatShape } from '../errors';
import { type Shape, normalizeAxis, sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** The same elements in a new shape; one dimension may be −1 and is then inferred. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const op = 'reshape';
  assertTensor(op, x);
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1 || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ShapeError(op, `expected non-negative integers and at most one -1, got ${formatShape(shape)}`);
  }
  let resolved = [...shape];
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(op, `cannot infer -1 in ${formatShape(shape)} for ${x.size} elements from ${formatShape(x.shape)}`);
    }
    resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (sizeOf(resolved) !== x.size) {
    throw new ShapeError(op, `cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(resolved)}`);
  }
  return runPrimitive(op, [x], { shape: resolved }, resolved, x.dtype);
}

/** Drops axes of length 1 (the given ones, or all). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  assertTensor('squeeze', x);
  const axes = axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : (typeof axis === 'number' ? [axis] : axis).map((a) => normalizeAxis('squeeze', a, x.rank));
  for (const a of axes) {
    if (x.shape[a] !== 1) throw new ShapeError('squeeze', `axis ${a} of ${formatShape(x.shape)} has length ${x.shape[a]}, not 1`);
  }
  return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
}

/** Inserts an axis of length 1 at `axis` (−1: at the end). */
export function expandDims(x: Tensor, axis: number): Tensor {
  assertTensor('expandDims', x);
  const at = normalizeAxis('expandDims', axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, at), 1, ...x.shape.slice(at)]);
}

