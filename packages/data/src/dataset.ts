import { NnError, ShapeError, ValueError, isTensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';

/**
 * Inputs and targets of a supervised problem, one sample per index of the first axis: sample i is
 * `x[i]` with target `y[i]`. A plain (frozen) object: anything with `x` and `y` of equal first
 * dimension is a Dataset, so extra fields (a CSV's `classNames`) ride along.
 */
export interface Dataset {
  /** Inputs, [samples, …features] (for images [samples, channels, height, width]). */
  readonly x: Tensor;
  /** Targets, [samples, …]: int32 class labels [samples], or float regression targets. */
  readonly y: Tensor;
}

/**
 * A Dataset of `x` and `y`, checked: both have a first (sample) axis of the same length, and float
 * tensors hold no NaN or ±∞ (the error names the sample). The tensors are not copied.
 */
export function dataset(x: Tensor, y: Tensor): Dataset {
  const op = 'dataset';
  assertSamples(op, x, 'x');
  assertSamples(op, y, 'y');
  if (x.shape[0] !== y.shape[0]) {
    throw new ShapeError(op, `x has ${x.shape[0]} samples but y has ${y.shape[0]}`);
  }
  assertFinite(op, x, 'x');
  assertFinite(op, y, 'y');
  return Object.freeze({ x, y });
}

/** The number of samples: the length of the first axis. */
export function numSamples(ds: Dataset): number {
  return ds.x.shape[0];
}

function assertSamples(op: string, t: unknown, name: string): asserts t is Tensor {
  if (!isTensor(t)) {
    const got = t === null ? 'null' : Array.isArray(t) ? 'an array' : typeof t;
    throw new NnError(op, `expected a Tensor as ${name}, got ${got}; wrap values with tensor()`);
  }
  if (t.rank === 0) throw new ShapeError(op, `${name} needs a first axis of samples, got a scalar`);
}

/** Throws a ValueError naming the first sample of `t` that holds NaN or ±∞ (int32 never does). */
function assertFinite(op: string, t: Tensor, name: string): void {
  if (t.dtype === 'int32' || t.size === 0) return;
  const data = t.dataSync();
  const perSample = t.size / t.shape[0];
  for (let i = 0; i < data.length; i++) {
    // NOTE: v − v is 0 for every finite v and NaN for NaN and ±∞: one test, no call.
    if (data[i] - data[i] !== 0) {
      const sample = Math.floor(i / perSample);
      const at = perSample > 1 ? ` (element ${i - sample * perSample} of that sample)` : '';
      throw new ValueError(op, `${name} has ${data[i]} at sample ${sample}${at}; expected finite values`);
    }
  }
}
