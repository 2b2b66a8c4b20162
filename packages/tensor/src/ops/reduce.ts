import { runPrimitive } from '../autodiff/run-primitive';
import { ShapeError, formatShape } from '../errors';
import { normalizeAxes, normalizeAxis, reducedShape } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** Axes to reduce: one axis, several, or all when omitted; negative axes count from the end. */
export type Axes = number | readonly number[];

function reduce(op: 'sum' | 'max' | 'min', x: Tensor, axis: Axes | undefined, keepDims: boolean): Tensor {
  assertTensor(op, x);
  const axes = normalizeAxes(op, axis, x.rank);
  if (op !== 'sum') {
    const empty = axes.find((a) => x.shape[a] === 0);
    if (empty !== undefined) throw new ShapeError(op, `cannot reduce the empty axis ${empty} of ${formatShape(x.shape)}`);
  }
  return runPrimitive(op, [x], { axes, keepDims }, reducedShape(x.shape, axes, keepDims), x.dtype);
}

/** Σ over `axis` (all axes when omitted). */
export const sum = (x: Tensor, axis?: Axes, keepDims = false): Tensor => reduce('sum', x, axis, keepDims);
/** Largest element over `axis`; ties share the gradient equally; NaN propagates. */
export const max = (x: Tensor, axis?: Axes, keepDims = false): Tensor => reduce('max', x, axis, keepDims);
/** Smallest element over `axis`; ties share the gradient equally; NaN propagates. */
export const min = (x: Tensor, axis?: Axes, keepDims = false): Tensor => reduce('min', x, axis, keepDims);

function argReduce(op: 'argmax' | 'argmin', x: Tensor, axis: number, keepDims: boolean): Tensor {
  assertTensor(op, x);
  const a = normalizeAxis(op, axis, x.rank);
  if (x.shape[a] === 0) throw new ShapeError(op, `cannot take ${op} over the empty axis ${a} of ${formatShape(x.shape)}`);
  return runPrimitive(op, [x], { axis: a, keepDims }, reducedShape(x.shape, [a], keepDims), 'int32');
}

/** Index (int32) of the largest element along `axis` (default: the last); the first one at a tie. */
export const argmax = (x: Tensor, axis = -1, keepDims = false): Tensor => argReduce('argmax', x, axis, keepDims);
/** Index (int32) of the smallest element along `axis` (default: the last); the first one at a tie. */
export const argmin = (x: Tensor, axis = -1, keepDims = false): Tensor => argReduce('argmin', x, axis, keepDims);
