import { DTypeError, ValueError } from '../errors';
import { type Tensor, isTensor } from '../tensor';
import { tensor } from './creation';

/** Indices: an int32 tensor, or integers in an array / Int32Array. */
export type IndicesLike = Tensor | readonly number[] | Int32Array;

/**
 * The largest index of each int32 tensor already checked, so that a tensor of indices used again (the
 * im2col indices of a convolution, every batch) is scanned once. Tensors are immutable, so this holds.
 */
const checkedMax = new WeakMap<Tensor, number>();

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
  const known = checkedMax.get(t);
  if (known !== undefined && known < limit) return t;
  const data = t.dataSync();
  // NOTE: the least and the largest first, with no exit from the loop (~3× faster: fresh indices, a max
  // pool's picks, are checked every step); the offending entry is looked for only when there is one.
  let least = 0;
  let largest = -1;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < least) least = v;
    if (v > largest) largest = v;
  }
  if (least < 0 || largest >= limit) {
    const at = data.findIndex((v) => v < 0 || v >= limit);
    throw new ValueError(op, `${what} ${data[at]} at position ${at} is out of range [0, ${limit})`);
  }
  checkedMax.set(t, largest);
  return t;
}

/**
 * Records that every entry of `t`, which an op has just computed, is in [0, largest]: an op whose result
 * is indices by construction (gatherArgmax's positions) spares the op that takes them a scan. @internal
 */
export function markCheckedIndices(t: Tensor, largest: number): Tensor {
  checkedMax.set(t, largest);
  return t;
}
