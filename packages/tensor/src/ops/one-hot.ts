import { type DType, allocate } from '../dtype';
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { fromTypedArray } from './creation';
import { type IndicesLike, toIndices } from './indices';

/** Rows of the `depth`×`depth` identity picked by integer labels: shape [...labels, depth]. */
export function oneHot(labels: IndicesLike, depth: number, dtype: DType = 'float32'): Tensor {
  if (!Number.isInteger(depth) || depth <= 0) throw new ValueError('oneHot', `depth must be a positive integer, got ${depth}`);
  const idx = toIndices('oneHot', labels, depth, 'label');
  const data = idx.dataSync();
  const out = allocate(dtype, data.length * depth);
  for (let i = 0; i < data.length; i++) out[i * depth + data[i]] = 1;
  return fromTypedArray(out, [...idx.shape, depth], dtype);
}
