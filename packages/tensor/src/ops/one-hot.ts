import { traceHostOp } from '../autodiff/trace';
import { type DType, type TypedArray, allocate } from '../dtype';
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { fromTypedArray } from './creation';
import { type IndicesLike, toIndices } from './indices';

/** Rows of the `depth`×`depth` identity picked by integer labels: shape [...labels, depth]. */
export function oneHot(labels: IndicesLike, depth: number, dtype: DType = 'float32'): Tensor {
  if (!Number.isInteger(depth) || depth <= 0) throw new ValueError('oneHot', `depth must be a positive integer, got ${depth}`);
  const idx = toIndices('oneHot', labels, depth, 'label');
  const rows = (data: TypedArray): TypedArray => {
    const out = allocate(dtype, data.length * depth);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      // NOTE: checked again here for a replayed step (see replayable), which skips toIndices.
      if (!(v >= 0 && v < depth)) throw new ValueError('oneHot', `label ${v} at position ${i} is out of range [0, ${depth})`);
      out[i * depth + v] = 1;
    }
    return out;
  };
  const result = fromTypedArray(rows(idx.dataSync()), [...idx.shape, depth], dtype);
  traceHostOp(`oneHot:${depth}:${dtype}`, [idx], result, ([data]) => rows(data));
  return result;
}
