import { DTypeError, ValueError, fromTypedArray } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import type { Dataset } from '../dataset';

/** Options every generated problem shares. */
export interface SyntheticOptions {
  /** Total number of samples (split as evenly as possible between the classes, first classes first). */
  readonly samples: number;
  /** The generator; the same seed gives the same data. */
  readonly rng: Rng;
  /** The dtype of x: 'float32' (default) or 'float64'. */
  readonly dtype?: 'float32' | 'float64';
}

/** Checked common options: sample count (≥ `min`), rng, dtype. */
export function syntheticOptions(op: string, options: SyntheticOptions, min = 1): { n: number; rng: Rng; dtype: 'float32' | 'float64' } {
  const { samples, rng, dtype = 'float32' } = (options ?? {}) as SyntheticOptions;
  if (!Number.isInteger(samples) || samples < min) throw new ValueError(op, `samples must be an integer ≥ ${min}, got ${samples}`);
  if (typeof rng?.uniform !== 'function') throw new ValueError(op, 'needs an rng: pass { rng: createRng(seed) }');
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  return { n: samples, rng, dtype };
}

/** How many of n samples class c of k gets: ⌊n/k⌋, plus one for the first n mod k classes. */
export function classSize(n: number, k: number, c: number): number {
  return Math.floor(n / k) + (c < n % k ? 1 : 0);
}

/** A frozen Dataset from rows of x (float64 values) and int32 labels. */
export function labelled(x: Float64Array, y: Int32Array, features: number, dtype: 'float32' | 'float64'): Dataset {
  const n = y.length;
  const xs = dtype === 'float64' ? x : Float32Array.from(x);
  return Object.freeze({ x: fromTypedArray(xs, [n, features], dtype), y: fromTypedArray(y, [n], 'int32') });
}

export function finiteNumber(op: string, name: string, v: unknown, { min = -Infinity, exclusive = false } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (exclusive ? v <= min : v < min)) {
    throw new ValueError(op, `${name} must be a finite number ${exclusive ? '>' : '≥'} ${min}, got ${String(v)}`);
  }
  return v;
}
