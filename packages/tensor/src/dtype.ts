import { DTypeError } from './errors';

/** Element types. Floats take part in autodiff; int32 holds labels and indices. */
export type DType = 'float32' | 'float64' | 'int32';
export type FloatDType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array | Int32Array;

/** A zero-filled typed array of `size` elements of `dtype`. */
export function allocate(dtype: DType, size: number): TypedArray {
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
