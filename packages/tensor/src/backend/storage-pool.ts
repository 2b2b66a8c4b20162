import type { DType, TypedArray } from '../dtype';

/**
 * Host arrays a backend hands out as tensor storage and takes back when their tensors are disposed
 * (`Backend.dispose`), to hand out again for the next result of the same dtype and length. Reusing an
 * array whose pages are already mapped skips the page faults and zeroing of a fresh one, which cost
 * more than a kernel's arithmetic on large tensors (see `tidy`).
 *
 * Only arrays that `take` made are ever recycled: not a caller's array that a tensor wraps, and not one
 * marked by `escape` (a `download` that returned the storage itself hands it to the user for good).
 */
export interface StoragePool {
  /** An array of `length` elements: a recycled one (old contents: overwrite them all) or a new one (zeros). */
  take(dtype: DType, length: number): TypedArray;
  /** Returns `array` for reuse, if this pool made it and it has not escaped. */
  give(array: unknown): void;
  /** Never recycle `array`: the caller now holds it (a `download` returned the storage itself). */
  escape(array: unknown): void;
  /** Bytes held for reuse now. */
  readonly pooledBytes: number;
}

const constructors = { float32: Float32Array, float64: Float64Array, int32: Int32Array } as const;

/** A pool that holds at most `maxBytes` of arrays for reuse (default 256 MiB); beyond that, arrays go to the GC. */
export function createStoragePool({ maxBytes = 256 * 2 ** 20 }: { maxBytes?: number } = {}): StoragePool {
  const free = new Map<string, TypedArray[]>();
  const owned = new WeakSet<object>();
  let pooledBytes = 0;
  const keyOf = (dtype: DType, length: number) => `${dtype}:${length}`;
  return {
    take(dtype, length) {
      const list = free.get(keyOf(dtype, length));
      let array = list?.pop();
      if (array !== undefined) {
        pooledBytes -= array.byteLength;
      } else {
        array = new constructors[dtype](length);
      }
      owned.add(array);
      return array;
    },
    give(array) {
      if (typeof array !== 'object' || array === null || !owned.has(array)) return;
      owned.delete(array);
      const typed = array as TypedArray;
      if (pooledBytes + typed.byteLength > maxBytes) return;
      const dtype = typed instanceof Float32Array ? 'float32' : typed instanceof Float64Array ? 'float64' : 'int32';
      const key = keyOf(dtype, typed.length);
      const list = free.get(key);
      if (list === undefined) free.set(key, [typed]);
      else list.push(typed);
      pooledBytes += typed.byteLength;
    },
    escape(array) {
      if (typeof array === 'object' && array !== null) owned.delete(array);
    },
    get pooledBytes() {
      return pooledBytes;
    },
  };
}
