import { DTypeError, ValueError } from '../errors';
import { type Tensor, isTensor } from '../tensor';
import { tensor } from './creation';

/** Indices: an int32 tensor, or integers in an array / Int32Array. */
export type IndicesLike = Tensor | readonly number[] | Int32Array;

/** Converts and range-checks indices into [0, limit), naming `op` and the offending entry on failure. */
export function toIndices(op: string, indices: IndicesLike, limit: number, what = 'index'): Tensor {
  let t: Tensor;
  if (isTensor(indices)) {
    if (indices.dtype !== 'int32') {
      throw new DTypeError(op, `expected int32 indices, got ${indices.dtype}; convert with cast(x, 'int32')`);
    }
    t = indices;
  } else {
    const values = Array.from(indices as ArrayLike<number>);
    const bad = values.findIndex((v) => !Number.isInteger(v));
    if (bad >= 0) throw new ValueError(op, `${what} ${values[bad]} at position ${bad} is not an integer`);
    t = tensor(values, [values.length], 'int32');
  }
  const data = t.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0 || data[i] >= limit) {
      throw new ValueError(op, `${what} ${data[i]} at position ${i} is out of range [0, ${limit})`);
    }
  }
  return t;
}
