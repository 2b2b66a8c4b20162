import { NnError, ShapeError, ValueError, isTensor } from '@nn/tensor';
import type { Rng, Tensor } from '@nn/tensor';

/**
 * A random transformation of a batch of images: `(images, rng) → images`, drawing everything random
 * from `rng`, so that a seed fixes every draw. Images come as [N, C, H, W] or [N, H, W]; the result
 * has the same shape and dtype (for the augmentations of this package), with a fresh transformation
 * drawn for each image. Any function of this type composes with the others.
 */
export type Augmentation = (images: Tensor, rng: Rng) => Tensor;

/**
 * `augmentation(images, rng)`, checked: `augmentation` is a function, `rng` a generator, and the result
 * a Tensor with as many samples as `images` (so that targets still line up with it).
 */
export function augment(images: Tensor, augmentation: Augmentation, rng: Rng): Tensor {
  return applyAugmentation('augment', images, augmentation, rng);
}

/** {@link augment} with the calling op's name in its errors. @internal */
export function applyAugmentation(op: string, images: Tensor, augmentation: Augmentation, rng: Rng): Tensor {
  assertAugmentation(op, augmentation);
  assertRng(op, rng);
  if (!isTensor(images)) throw new NnError(op, `expected a Tensor of images, got ${describe(images)}`);
  const out = augmentation(images, rng);
  if (!isTensor(out)) throw new NnError(op, `the augmentation returned ${describe(out)}; expected a Tensor`);
  if (out.rank === 0 || out.shape[0] !== images.shape[0]) {
    throw new ShapeError(op, `the augmentation turned ${images.shape[0]} samples into shape [${out.shape.join(',')}]; it must keep the sample axis`);
  }
  return out;
}

/** @internal */
export function assertAugmentation(op: string, augmentation: unknown, what = 'the augmentation'): asserts augmentation is Augmentation {
  if (typeof augmentation !== 'function') {
    throw new ValueError(op, `expected ${what} to be a function (images, rng) => Tensor, got ${describe(augmentation)}`);
  }
}

/** @internal */
export function assertRng(op: string, rng: unknown): asserts rng is Rng {
  if (typeof (rng as Rng | undefined)?.uniformRange !== 'function' || typeof (rng as Rng).fillUniform !== 'function') {
    throw new ValueError(op, `expected an rng (createRng(seed) from @nn/tensor), got ${describe(rng)}`);
  }
}

/** @internal a value's kind for messages */
export function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
