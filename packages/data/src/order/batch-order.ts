import { DTypeError, ShapeError, ValueError, fromTypedArray, gather } from '@nn/tensor';
import type { Rng, Tensor } from '@nn/tensor';
import type { Batch } from '../batches';
import type { Dataset } from '../dataset';

/** What a batch order may look at when it orders an epoch. */
export interface BatchOrderContext {
  /** The training set's sample count N. */
  readonly n: number;
  /** The training targets [N] (int32 class labels for the class-aware orders). */
  readonly y: Tensor;
  /** Samples per batch. */
  readonly batchSize: number;
  /**
   * Each training sample's loss under the current weights, measured at the epoch's start; given
   * (by `fit`) only to orders with `needsLosses`.
   */
  readonly losses?: Float64Array;
}

/**
 * The order in which one epoch presents the training samples: a list of N sample indices (repeats
 * allowed), cut into consecutive batches. `fit(…, { batchOrder })` asks for a fresh one every epoch.
 */
export interface BatchOrder {
  readonly kind: string;
  /** When true, the caller measures every sample's loss before each epoch and passes it as `ctx.losses`. */
  readonly needsLosses?: boolean;
  /** The indices of epoch `epoch` (1, 2, …), drawing any randomness from `rng`. */
  indices(epoch: number, rng: Rng, ctx: BatchOrderContext): Int32Array;
}

/**
 * The samples of `ds` at `indices`, in that order, in batches of `size` (the last may be shorter):
 * one epoch's batches for an order from a {@link BatchOrder}.
 */
export function batchesInOrder(ds: Dataset, indices: Int32Array, { size }: { readonly size: number }): Iterable<Batch> {
  const op = 'batchesInOrder';
  const n = ds.x.shape[0];
  if (!Number.isInteger(size) || size < 1) throw new ValueError(op, `batch size must be a positive integer, got ${size}`);
  if (!(indices instanceof Int32Array)) throw new ValueError(op, `expected the indices as an Int32Array, got ${typeof indices}`);
  for (let i = 0; i < indices.length; i++) {
    if (indices[i] < 0 || indices[i] >= n) throw new ValueError(op, `index ${indices[i]} at position ${i} is out of range: the dataset has ${n} samples`);
  }
  const count = Math.ceil(indices.length / size);
  return {
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) {
        const part = indices.subarray(index * size, Math.min(indices.length, (index + 1) * size));
        const idx = fromTypedArray(part.slice(), [part.length], 'int32');
        yield { x: gather(ds.x, idx, 0), y: gather(ds.y, idx, 0), index, count };
      }
    },
  };
}

/** The class labels of `ctx.y` (int32 [N]) grouped: sample indices of each class, classes ascending. */
export function labelGroups(op: string, y: Tensor): number[][] {
  if (y?.dtype !== 'int32') throw new DTypeError(op, `needs int32 class labels y, got ${y?.dtype}`);
  if (y.rank !== 1) throw new ShapeError(op, `needs class labels y of shape [N], got [${y.shape.join(',')}]`);
  const labels = y.dataSync();
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = byClass.get(labels[i]);
    if (g) g.push(i);
    else byClass.set(labels[i], [i]);
  }
  return [...byClass.keys()].sort((a, b) => a - b).map((c) => byClass.get(c)!);
}
