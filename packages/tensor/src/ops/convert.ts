import { getBackend } from '../backend/registry';
import { type DType, allocate, assertSameDType } from '../dtype';
import { NnError } from '../errors';
import { Tensor, isTensor } from '../tensor';
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
  // NOTE: plain loops (no filter/map closures): this runs for every elementwise op.
  let dtype: DType | undefined;
  for (const x of operands) {
    if (typeof x === 'number') continue;
    assertTensor(op, x);
    if (dtype === undefined) dtype = x.dtype;
    else if (x.dtype !== dtype) assertSameDType(op, operands.filter((t): t is Tensor => typeof t !== 'number').map((t) => t.dtype));
  }
  const out: Tensor[] = new Array(operands.length);
  for (let i = 0; i < operands.length; i++) {
    const x = operands[i];
    out[i] = typeof x === 'number' ? scalar(x, dtype ?? 'float32') : x;
  }
  return out;
}

/** A scalar of `value`: `full([], value, dtype)` without its checks (a number of a float or checked dtype). */
function scalar(value: number, dtype: DType): Tensor {
  if (dtype === 'int32' && !Number.isInteger(value)) return full([], value, dtype); // throws the ValueError
  const data = allocate(dtype, 1);
  data[0] = value;
  const backend = getBackend();
  const storage = backend.upload(data, dtype);
  // NOTE: an array made here is never recycled by a backend, so it needs no count of its holders.
  return new Tensor([], dtype, storage, backend, storage !== data);
}
