import { DTypeError } from './errors';

/** Element types. Floats take part in autodiff; int32 holds labels and indices. */
export type DType = 'float32' | 'float64' | 'int32';
export type FloatDType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array | Int32Array;

/**
 * A zero-filled typed array of `size` elements of `dtype`.
 * NOTE: arrays of 65–1024 bytes are views carved in turn out of shared 8 KiB slabs. A fresh ArrayBuffer
 * of that size (V8 keeps only arrays of ≤ 64 bytes on its heap) cost ~2 µs with the collector's share,
 * more than a small op's arithmetic; a view of a slab costs a small object. A view never moves to
 * another place in its slab and no slab memory is handed out twice, so views stay zero-filled and
 * independent; a live view keeps its whole slab (at most 8 KiB) alive.
 */
export function allocate(dtype: DType, size: number): TypedArray {
  const bytes = size * (dtype === 'float64' ? 8 : 4);
  if (bytes > SLAB_MAX_BYTES || bytes <= ON_HEAP_BYTES) return fresh(dtype, size);
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 8; // no view at offset 0, so that isSharedView tells every view by its offset
  }
  const at = slabUsed;
  slabUsed += (bytes + 7) & ~7; // 8-byte aligned, for float64 views
  switch (dtype) {
    case 'float32':
      return new Float32Array(slab!, at, size);
    case 'float64':
      return new Float64Array(slab!, at, size);
    case 'int32':
      return new Int32Array(slab!, at, size);
  }
}

/**
 * Whether `array` may share its buffer with other arrays: a slab's view (see `allocate`, which never
 * puts one at offset 0) or any other view that does not start its buffer.
 * NOTE: reads `byteOffset`, not `buffer`: reading `buffer` of a small on-heap array makes V8 move it off-heap.
 */
export function isSharedView(array: TypedArray): boolean {
  return array.byteOffset !== 0;
}

/** Arrays up to this size V8 allocates on its own heap, cheaply: they take no slab. */
const ON_HEAP_BYTES = 64;
const SLAB_MAX_BYTES = 1024;
const SLAB_BYTES = 8192;
let slab: ArrayBuffer | undefined;
let slabUsed = SLAB_BYTES;

function fresh(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
  }
}

export function isFloatDType(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

/** The dtype that a typed array stores. */
export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  return 'float32';
}

export function assertDType(op: string, dtype: string): asserts dtype is DType {
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw new DTypeError(op, `unknown dtype '${dtype}', expected 'float32', 'float64' or 'int32'`);
  }
}

/** Throws unless `dtype` is a float type: only floats have gradients and fractional values. */
export function assertFloat(op: string, dtype: DType, what = 'input'): asserts dtype is FloatDType {
  if (!isFloatDType(dtype)) {
    throw new DTypeError(op, `expected a float32 or float64 ${what}, got ${dtype}`);
  }
}

/** Throws unless every dtype equals the first: mixing float32 and float64 must be an explicit cast. */
export function assertSameDType(op: string, dtypes: readonly DType[]): DType {
  const first = dtypes[0];
  for (const d of dtypes) {
    if (d !== first) {
      throw new DTypeError(op, `dtypes differ: ${dtypes.join(' and ')}; cast one explicitly with cast()`);
    }
  }
  return first;
}
