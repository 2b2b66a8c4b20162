import { runPrimitive } from '../autodiff/run-primitive';
import { ShapeError, formatShape } from '../errors';
import { type Shape, assertValidShape, broadcastShapes, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** Repeats `x` along its length-1 (and missing leading) axes to fill `shape`. */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  const op = 'broadcastTo';
  assertTensor(op, x);
  assertValidShape(op, shape);
  if (!shapesEqual(broadcastShapes(op, x.shape, shape), shape)) {
    throw new ShapeError(op, `cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  if (shapesEqual(x.shape, shape)) return x;
  return runPrimitive(op, [x], { shape: [...shape] }, [...shape], x.dtype);
}
