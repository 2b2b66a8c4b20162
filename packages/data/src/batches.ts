import { ValueError, fromTypedArray, gather, slice } from '@nn/tensor';
import type { Rng, Tensor } from '@nn/tensor';
import type { Dataset } from './dataset';

/** One mini-batch: consecutive (or, shuffled, random) samples of the dataset. */
export interface Batch {
  /** Inputs [b, …]; b is the batch size, less for a short last batch. */
  readonly x: Tensor;
  /** Targets [b, …]. */
  readonly y: Tensor;
  /** This batch's position in the pass: 0 … count − 1. */
  readonly index: number;
  /** How many batches the pass yields: numBatches(N, size, dropLast). */
  readonly count: number;
}

export type BatchOptions = {
  /**
   * Samples per batch: 1 for online (stochastic) learning, 'full' for full-batch learning (one batch
   * of every sample), else mini-batches.
   */
  readonly size: number | 'full';
  /** Drop a last batch smaller than `size` (default false: yield it). */
  readonly dropLast?: boolean;
} & (
  | { readonly shuffle?: false; readonly rng?: Rng }
  | {
      /** Visit the samples in a new random order on every pass (every epoch). Default false. */
      readonly shuffle: true;
      /** Draws each pass's permutation: the same seed, the same sequence of epochs. */
      readonly rng: Rng;
    }
);

/**
 * The dataset in batches, as an iterable to loop over once per epoch: every `for … of` is a new pass
 * and, with `shuffle`, draws a fresh permutation from `rng` when it starts. Each batch is gathered
 * in one copy (unshuffled: one slice; 'full' unshuffled: the dataset's own tensors).
 */
export function batches(ds: Dataset, options: BatchOptions): Iterable<Batch> {
  const op = 'batches';
  const { size, dropLast = false, shuffle = false, rng } = (options ?? {}) as { size: number | 'full'; dropLast?: boolean; shuffle?: boolean; rng?: Rng };
  const n = ds.x.shape[0];
  if (ds.y.shape[0] !== n) throw new ValueError(op, `x has ${n} samples but y has ${ds.y.shape[0]}`);
  const count = countBatches(op, n, size, dropLast);
  if (shuffle && typeof rng?.permutation !== 'function') {
    throw new ValueError(op, 'shuffle needs an rng: pass { shuffle: true, rng: createRng(seed) }');
  }
  const b = size === 'full' ? n : size;
  return {
    *[Symbol.iterator]() {
      const order = shuffle ? rng!.permutation(n) : undefined;
      for (let index = 0; index < count; index++) yield batchAt(ds, order, index, b, count);
    },
  };
}

/**
 * Batch `index` of `count` in one pass over `ds` in batches of `size`: the samples at `order`'s
 * positions index·size … (a permutation of 0 … N − 1, as `batches` draws with `shuffle`), or with no
 * order consecutive ones (one slice; a batch of every sample is the dataset's own tensors). What
 * `batches` yields; for a loop that takes a pass's batches one at a time, or some not as tensors at all.
 */
export function batchAt(ds: Dataset, order: Int32Array | undefined, index: number, size: number, count: number): Batch {
  const op = 'batchAt';
  const n = ds.x.shape[0];
  if (!Number.isInteger(size) || size < 1) throw new ValueError(op, `batch size must be a positive integer, got ${size}`);
  if (!Number.isInteger(index) || index < 0 || index * size >= n) {
    throw new ValueError(op, `batch ${index} is out of range: ${n} samples in batches of ${size} make ${Math.ceil(n / size)}`);
  }
  if (order !== undefined && order.length !== n) throw new ValueError(op, `the order has ${order.length} positions, the dataset ${n} samples`);
  const start = index * size;
  const m = Math.min(size, n - start);
  if (order === undefined) {
    if (m === n) return { x: ds.x, y: ds.y, index, count };
    return { x: slice(ds.x, [start], [m]), y: slice(ds.y, [start], [m]), index, count };
  }
  const idx = fromTypedArray(order.subarray(start, start + m), [m], 'int32');
  return { x: gather(ds.x, idx, 0), y: gather(ds.y, idx, 0), index, count };
}

/** Batches in one pass over n samples: ⌈n / size⌉, or ⌊n / size⌋ when dropping a short last batch; 'full' gives 1 (0 for n = 0). */
export function numBatches(n: number, size: number | 'full', dropLast = false): number {
  return countBatches('numBatches', n, size, dropLast);
}

function countBatches(op: string, n: number, size: number | 'full', dropLast: boolean): number {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(op, `n must be a non-negative integer, got ${n}`);
  if (size === 'full') return n > 0 ? 1 : 0;
  if (!Number.isInteger(size) || size < 1) {
    throw new ValueError(op, `batch size must be a positive integer or 'full', got ${typeof size === 'string' ? `'${size}'` : size}`);
  }
  return dropLast ? Math.floor(n / size) : Math.ceil(n / size);
}
