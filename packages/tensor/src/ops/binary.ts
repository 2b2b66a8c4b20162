import { runPrimitive } from '../autodiff/run-primitive';
import type { BinaryPrimitive, ComparePrimitive } from '../backend/primitives';
import { assertFloat } from '../dtype';
import { broadcastShapes } from '../shape';
import type { Tensor } from '../tensor';
import { type TensorLike, toTensors } from './convert';

function binary(op: BinaryPrimitive | ComparePrimitive, a: TensorLike, b: TensorLike, floatOnly: boolean): Tensor {
  const [x, y] = toTensors(op, [a, b]);
  if (floatOnly) assertFloat(op, x.dtype);
  return runPrimitive(op, [x, y], {}, broadcastShapes(op, x.shape, y.shape), x.dtype);
}

/** a + b, broadcasting NumPy-style */
export const add = (a: TensorLike, b: TensorLike): Tensor => binary('add', a, b, false);
/** a − b */
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('sub', a, b, false);
/** a · b, elementwise */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b, false);
/** a / b */
export const div = (a: TensorLike, b: TensorLike): Tensor => binary('div', a, b, true);
/** aᵇ; the gradient in b uses ln a and is taken as 0 where a ≤ 0 */
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary('pow', a, b, true);
/** max(a, b); at a tie the whole gradient goes to a */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b, false);
/** min(a, b); at a tie the whole gradient goes to a */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b, false);

/** 1 where a > b, else 0, in the inputs' dtype (a mask; no gradient) */
export const greater = (a: TensorLike, b: TensorLike): Tensor => binary('greater', a, b, false);
/** 1 where a ≥ b, else 0 */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => binary('greaterEqual', a, b, false);
/** 1 where a < b, else 0 */
export const less = (a: TensorLike, b: TensorLike): Tensor => binary('less', a, b, false);
/** 1 where a ≤ b, else 0 */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => binary('lessEqual', a, b, false);
/** 1 where a = b, else 0 */
export const equal = (a: TensorLike, b: TensorLike): Tensor => binary('equal', a, b, false);
/** 1 where a ≠ b, else 0 */
export const notEqual = (a: TensorLike, b: TensorLike): Tensor => binary('notEqual', a, b, false);
