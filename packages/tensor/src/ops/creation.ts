import { getBackend } from '../backend/registry';
import { type DType, type TypedArray, allocate, assertDType, dtypeOf } from '../dtype';
import { DTypeError, ShapeError, ValueError, formatShape } from '../errors';
import { type Shape, assertValidShape, sizeOf } from '../shape';
import { type NestedArray, Tensor } from '../tensor';

/** What `tensor()` accepts: a number, nested arrays of numbers, or a flat typed array. */
export type TensorValues = number | readonly NestedValues[] | TypedArray | readonly number[];
type NestedValues = number | readonly NestedValues[];

/**
 * Wraps a host array the caller hands over (no copy) as a tensor on the active backend. The array's
 * type must be the dtype's (Float32Array for float32, Float64Array for float64, Int32Array for int32)
 * and its length the shape's size.
 */
export function fromTypedArray(values: TypedArray, shape: Shape, dtype: DType = dtypeOf(values)): Tensor {
  const op = 'fromTypedArray';
  assertValidShape(op, shape);
  assertDType(op, dtype);
  const expected = { float32: Float32Array, float64: Float64Array, int32: Int32Array }[dtype];
  if (!(values instanceof expected)) {
    const got = (values as { constructor?: { name?: string } })?.constructor?.name ?? typeof values;
    throw new DTypeError(op, `expected a ${expected.name} for dtype ${dtype}, got a ${got}`);
  }
  if (values.length !== sizeOf(shape)) {
    throw new ShapeError(op, `${values.length} values do not fill shape ${formatShape(shape)} (${sizeOf(shape)} elements)`);
  }
  const backend = getBackend();
  return new Tensor([...shape], dtype, backend.upload(values, dtype), backend);
}

/**
 * A tensor from values. `shape` defaults to the nesting of `values`; `dtype` to the typed array's type,
 * else float32. The values are copied; int32 accepts only integers.
 */
export function tensor(values: TensorValues, shape?: Shape, dtype?: DType): Tensor {
  const op = 'tensor';
  if (dtype !== undefined) assertDType(op, dtype);
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (typeof values === 'number') {
    flat = [values];
    inferred = [];
  } else if (ArrayBuffer.isView(values)) {
    flat = values;
    inferred = [values.length];
    dtype ??= dtypeOf(values);
  } else if (Array.isArray(values)) {
    const out: number[] = [];
    inferred = flattenNested(values as readonly NestedValues[], out);
    flat = out;
  } else {
    throw new ValueError(op, `expected a number, nested arrays of numbers or a typed array, got ${typeof values}`);
  }
  dtype ??= 'float32';
  if (shape !== undefined && !Array.isArray(shape)) {
    const hint = typeof shape === 'object' && shape !== null && 'dtype' in shape ? ` (the dtype is the third argument: tensor(values, undefined, '${String((shape as { dtype: unknown }).dtype)}'))` : '';
    throw new ValueError(op, `expected the shape as an array of sizes, got ${shape === null ? 'null' : typeof shape}${hint}`);
  }
  const finalShape = shape === undefined ? inferred : [...shape];
  assertValidShape(op, finalShape);
  if (sizeOf(finalShape) !== flat.length) {
    throw new ShapeError(op, `${flat.length} values do not fill shape ${formatShape(finalShape)} (${sizeOf(finalShape)} elements)`);
  }
  const data = allocate(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v !== 'number') throw new ValueError(op, `element ${i} is ${typeof v}, expected a number`);
    if (dtype === 'int32' && !Number.isInteger(v)) throw new ValueError(op, `element ${i} is ${v}, expected an integer for int32`);
    data[i] = v;
  }
  return fromTypedArray(data, finalShape, dtype);
}

/** Nested arrays → flat values; returns the shape and throws on ragged nesting. */
function flattenNested(values: readonly NestedValues[], out: number[]): number[] {
  const shape: number[] = [];
  for (let level: NestedValues = values as NestedValues; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const walk = (v: NestedValues, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (Array.isArray(v)) throw new ShapeError('tensor', `ragged nested arrays: ${path} is deeper than the first element`);
      out.push(v as number);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      const got = Array.isArray(v) ? `length ${v.length}` : 'a number';
      throw new ShapeError('tensor', `ragged nested arrays: expected length ${shape[depth]} at ${path || 'the top'}, got ${got}`);
    }
    v.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
  };
  walk(values as NestedValues, 0, '');
  return shape;
}

/** A rank-0 tensor. */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return tensor(value, [], dtype);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, dtype: DType = 'float32'): Tensor {
  assertValidShape('full', shape);
  assertDType('full', dtype);
  if (dtype === 'int32' && !Number.isInteger(value)) throw new ValueError('full', `int32 needs an integer fill value, got ${value}`);
  const data = allocate(dtype, sizeOf(shape));
  if (value !== 0) data.fill(value);
  return fromTypedArray(data, shape, dtype);
}

export function zeros(shape: Shape, dtype: DType = 'float32'): Tensor {
  return full(shape, 0, dtype);
}

export function ones(shape: Shape, dtype: DType = 'float32'): Tensor {
  return full(shape, 1, dtype);
}

export function zerosLike(x: Tensor): Tensor {
  return full(x.shape, 0, x.dtype);
}

export function onesLike(x: Tensor): Tensor {
  return full(x.shape, 1, x.dtype);
}

export function fullLike(x: Tensor, value: number): Tensor {
  return full(x.shape, value, x.dtype);
}

/** [start, start + step, …) up to but excluding `stop`; `arange(n)` is 0 … n−1. */
export function arange(start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0 || !Number.isFinite(step)) throw new ValueError('arange', `step must be a finite non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return fromTypedArray(data, [n], dtype);
}

/** The n×m identity (m defaults to n). */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  assertValidShape('eye', [n, m]);
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return fromTypedArray(data, [n, m], dtype);
}

export type { NestedArray };
