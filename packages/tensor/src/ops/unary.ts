import { runPrimitive } from '../autodiff/run-primitive';
import type { UnaryPrimitive } from '../backend/primitives';
import { assertFloat } from '../dtype';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

function unary(op: UnaryPrimitive, x: Tensor): Tensor {
  assertTensor(op, x);
  assertFloat(op, x.dtype);
  return runPrimitive(op, [x], {}, x.shape, x.dtype);
}

/** −x */
export const neg = (x: Tensor): Tensor => unary('neg', x);
/** eˣ */
export const exp = (x: Tensor): Tensor => unary('exp', x);
/** ln x (NaN below 0, −∞ at 0, as Math.log) */
export const log = (x: Tensor): Tensor => unary('log', x);
/** √x */
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
/** |x|; its gradient at 0 is 0 */
export const abs = (x: Tensor): Tensor => unary('abs', x);
/** −1, 0 or 1; gradient 0 */
export const sign = (x: Tensor): Tensor => unary('sign', x);
/** tanh x */
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
/** σ(x) = 1 / (1 + e⁻ˣ), computed without overflow for any x */
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
/** max(x, 0); its gradient at 0 is 0, as in PyTorch */
export const relu = (x: Tensor): Tensor => unary('relu', x);
/** ln(1 + eˣ), exact for large |x| */
export const softplus = (x: Tensor): Tensor => unary('softplus', x);
/** x² */
export const square = (x: Tensor): Tensor => unary('square', x);
