import { NnError, isTensor } from '@nn/tensor';
import type { Rng } from '@nn/tensor';
import { type Batch, type BatchOptions, batches } from '../batches';
import type { Dataset } from '../dataset';
import { type Augmentation, applyAugmentation, assertAugmentation, assertRng, describe } from './augmentation';

/**
 * Batches whose inputs are augmented on the fly: every batch's `x` goes through
 * `augmentation(x, rng)`; `y`, `index` and `count` are kept. Like {@link batches} it is an iterable to
 * loop over once per epoch, and every pass draws fresh transformations, so no two epochs see the
 * same images; the same seed repeats the whole sequence. Give it batches, or a dataset and the
 * options of `batches`:
 *
 *   augmentBatches(batches(train, { size: 64, shuffle: true, rng }), randomAffine({ rotation: 15 }), rng)
 *   augmentBatches(train, { size: 64, shuffle: true, rng }, randomAffine({ rotation: 15 }), rng)
 */
export function augmentBatches(source: Iterable<Batch>, augmentation: Augmentation, rng: Rng): Iterable<Batch>;
export function augmentBatches(source: Dataset, options: BatchOptions, augmentation: Augmentation, rng: Rng): Iterable<Batch>;
export function augmentBatches(
  source: Iterable<Batch> | Dataset,
  ...rest: [Augmentation, Rng] | [BatchOptions, Augmentation, Rng]
): Iterable<Batch> {
  const op = 'augmentBatches';
  let pass: Iterable<Batch>;
  let augmentation: Augmentation;
  let rng: Rng;
  if (typeof (source as Partial<Iterable<Batch>>)?.[Symbol.iterator] === 'function') {
    pass = source as Iterable<Batch>;
    [augmentation, rng] = rest as [Augmentation, Rng];
  } else if (isTensor((source as Partial<Dataset>)?.x) && isTensor((source as Partial<Dataset>)?.y)) {
    if (rest.length !== 3) throw new NnError(op, 'with a dataset, pass (dataset, { size, … }, augmentation, rng)');
    pass = batches(source as Dataset, rest[0]);
    [, augmentation, rng] = rest;
  } else {
    throw new NnError(op, `expected an iterable of batches or a dataset { x, y }, got ${describe(source)}`);
  }
  assertAugmentation(op, augmentation);
  assertRng(op, rng);
  return {
    *[Symbol.iterator]() {
      for (const batch of pass) yield { ...batch, x: applyAugmentation(op, batch.x, augmentation, rng) };
    },
  };
}
