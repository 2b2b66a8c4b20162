import { type DType, assertSameDType } from '../dtype';
import { NnError } from '../errors';
import { type Tensor, isTensor } from '../tensor';
import { full } from './creation';

/** A tensor, or a plain number that takes the dtype of the tensor it meets. */
export type TensorLike = Tensor | number;

/** Throws an NnError naming `op` unless `x` is a tensor. */
export function assertTensor(op: string, x: unknown, what = 'input'): asserts x is Tensor {
  if (!isTensor(x)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
    throw new NnError(op, `expected a Tensor as ${what}, got ${got}; wrap values with tensor()`);
  }
}

/**
 * Turns the operands of an elementwise op into tensors of one dtype: numbers become scalars of the
 * tensors' dtype; two tensors must already agree (no silent cast).
 */
export function toTensors(op: string, operands: readonly TensorLike[]): Tensor[] {
  const tensors = operands.filter((x): x is Tensor => typeof x !== 'number');
  tensors.forEach((t) => assertTensor(op, t));
  const dtype: DType = tensors.length > 0 ? assertSameDType(op, tensors.map((t) => t.dtype)) : 'float32';
  return operands.map((x) => (typeof x === 'number' ? full([], x, dtype) : x));
}
