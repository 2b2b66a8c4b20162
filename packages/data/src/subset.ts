import { ValueError, fromTypedArray, gather, isTensor, slice } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import type { Dataset } from './dataset';

/** A contiguous block of samples, `start` (default 0) up to but excluding `end` (default: the end). */
export interface SampleRange {
  readonly start?: number;
  readonly end?: number;
}

/**
 * The samples at `indices`, in that order (repeats allowed), or the contiguous `{ start, end }` block
 * (PyTorch's `Subset`). Extra fields of `ds` (a CSV's `classNames`) are kept.
 */
export function subset<D extends Dataset>(ds: D, selection: readonly number[] | Int32Array | Tensor | SampleRange): D {
  const op = 'subset';
  const n = ds.x.shape[0];
  if (isRange(selection)) {
    const { start = 0, end = n } = selection;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start > end) {
      throw new ValueError(op, `expected 0 ≤ start ≤ end ≤ ${n} (the sample count), got start ${start}, end ${end}`);
    }
    if (start === 0 && end === n) return ds;
    return withSamples(ds, slice(ds.x, [start], [end - start]), slice(ds.y, [start], [end - start]));
  }
  const idx = toSampleIndices(op, selection, n);
  return withSamples(ds, gather(ds.x, idx, 0), gather(ds.y, idx, 0));
}

/** `ds` with x and y replaced (extra fields kept), frozen like `dataset()`'s result. */
function withSamples<D extends Dataset>(ds: D, x: Tensor, y: Tensor): D {
  return Object.freeze({ ...ds, x, y });
}

/** Checks sample indices against [0, n) and wraps them as an int32 tensor (no copy of an Int32Array). */
function toSampleIndices(op: string, indices: readonly number[] | Int32Array | Tensor, n: number): Tensor {
  let data: Int32Array;
  if (isTensor(indices)) {
    if (indices.dtype !== 'int32' || indices.rank !== 1) {
      throw new ValueError(op, `expected sample indices as a rank-1 int32 tensor, got ${indices.dtype} of rank ${indices.rank}`);
    }
    data = indices.dataSync() as Int32Array;
  } else if (indices instanceof Int32Array) {
    data = indices;
  } else if (Array.isArray(indices)) {
    data = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      if (!Number.isInteger(indices[i])) throw new ValueError(op, `index ${indices[i]} at position ${i} is not an integer`);
      data[i] = indices[i];
    }
  } else {
    throw new ValueError(op, `expected sample indices (an array, Int32Array or int32 tensor) or { start, end }, got ${typeof indices}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0 || data[i] >= n) {
      throw new ValueError(op, `index ${data[i]} at position ${i} is out of range: the dataset has ${n} samples`);
    }
  }
  return isTensor(indices) ? indices : fromTypedArray(data, [data.length], 'int32');
}

function isRange(s: unknown): s is SampleRange {
  return typeof s === 'object' && s !== null && !Array.isArray(s) && !ArrayBuffer.isView(s) && !isTensor(s);
}
