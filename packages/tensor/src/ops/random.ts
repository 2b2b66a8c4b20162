import { type DType, type FloatDType, allocate, assertDType } from '../dtype';
import { ValueError } from '../errors';
import { globalState } from '../global-state';
import { createRng, type Rng } from '../random/rng';
import { type Shape, assertValidShape, sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import { fromTypedArray } from './creation';

export interface RandomOptions {
  /** The generator to draw from (createRng(seed)); default: a process-wide one seeded with 0. */
  readonly rng?: Rng;
  readonly dtype?: FloatDType;
}

/** The generator used when a call passes none: seeded with 0, shared by every copy of @nn/tensor. */
function defaultRng(): Rng {
  const state = globalState() as { defaultRng?: Rng };
  state.defaultRng ??= createRng(0);
  return state.defaultRng;
}

/** Normal deviates N(mean, std²) of `shape`. */
export function randn(shape: Shape, { rng = defaultRng(), dtype = 'float32', mean = 0, std = 1 }: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  assertValidShape('randn', shape);
  assertDType('randn', dtype);
  if (!(std >= 0)) throw new ValueError('randn', `std must be ≥ 0, got ${std}`);
  const data = allocate(dtype, sizeOf(shape)) as Float32Array | Float64Array;
  rng.fillNormal(data, mean, std);
  return fromTypedArray(data, shape, dtype);
}

/** Uniform deviates on [lo, hi) of `shape`. */
export function randu(shape: Shape, { rng = defaultRng(), dtype = 'float32', lo = 0, hi = 1 }: RandomOptions & { lo?: number; hi?: number } = {}): Tensor {
  assertValidShape('randu', shape);
  assertDType('randu', dtype);
  if (!(lo <= hi)) throw new ValueError('randu', `expected lo ≤ hi, got lo = ${lo}, hi = ${hi}`);
  const data = allocate(dtype, sizeOf(shape)) as Float32Array | Float64Array;
  rng.fillUniform(data, lo, hi);
  return fromTypedArray(data, shape, dtype);
}

/** Uniform integers in [0, maxExclusive) of `shape`, as int32. */
export function randint(shape: Shape, maxExclusive: number, { rng = defaultRng() }: { rng?: Rng } = {}): Tensor {
  assertValidShape('randint', shape);
  const data = allocate('int32' as DType, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.int(maxExclusive);
  return fromTypedArray(data, shape, 'int32');
}
