import { type FloatDType, ShapeError, type Tensor, ValueError, formatShape, isTensor, tensor } from '@nn/tensor';

/**
 * mask[n, t] = 1 if t < lengths[n] else 0: the [N, T] mask of padded sequences of the given lengths
 * (each an integer in 0…steps, steps ≥ 1), the form `SequenceContext.mask` takes.
 */
export function sequenceMask(lengths: Tensor | readonly number[], steps: number, dtype: FloatDType = 'float32'): Tensor {
  const op = 'sequenceMask';
  if (!(Number.isInteger(steps) && steps >= 1)) throw new ValueError(op, `steps must be a positive integer, got ${String(steps)}`);
  if (dtype !== 'float32' && dtype !== 'float64') throw new ValueError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  const values = lengthMaskValues(op, lengths, steps);
  return tensor(values, [values.length / steps, steps], dtype);
}

/** The row-major values of the [N, steps] mask of `lengths`, checked (N = `n` when given), for errors named after `op`. */
export function lengthMaskValues(op: string, lengths: Tensor | readonly number[], steps: number, n?: number): number[] {
  let lens: number[];
  if (isTensor(lengths)) {
    if (lengths.rank !== 1) throw new ShapeError(op, `expected lengths of shape [N], got ${formatShape(lengths.shape)}`);
    lens = Array.from(lengths.dataSync(), Number);
  } else if (Array.isArray(lengths)) {
    lens = [...(lengths as readonly number[])];
  } else {
    throw new ValueError(op, `expected lengths as a Tensor or an array of numbers, got ${lengths === null ? 'null' : typeof lengths}`);
  }
  if (n !== undefined && lens.length !== n) throw new ShapeError(op, `expected lengths of shape [N] = [${n}], got [${lens.length}]`);
  const values = new Array<number>(lens.length * steps).fill(0);
  lens.forEach((len, i) => {
    if (!(Number.isInteger(len) && len >= 0 && len <= steps)) {
      throw new ValueError(op, `lengths[${i}] must be an integer in 0…${steps} (the number of steps), got ${len}`);
    }
    values.fill(1, i * steps, i * steps + len);
  });
  return values;
}
