import { DTypeError, NnError, type Tensor, isTensor } from '@nn/tensor';

/** Throws unless `x` is a float32 or float64 tensor, naming `op` (not the inner op that would fail). */
export function assertFloatTensor(op: string, x: unknown): asserts x is Tensor {
  if (!isTensor(x)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
    throw new NnError(op, `expected a Tensor, got ${got}; wrap values with tensor()`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(op, `expected a float32 or float64 input, got ${x.dtype}`);
  }
}
