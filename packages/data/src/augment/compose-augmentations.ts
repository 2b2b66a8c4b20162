import type { Rng, Tensor } from '@nn/tensor';
import { type Augmentation, assertAugmentation } from './augmentation';

/**
 * One augmentation that applies `augmentations` in order (the first to the images, the next to its
 * result, …), all drawing from the same rng. With none, it returns the images unchanged.
 */
export function composeAugmentations(...augmentations: readonly Augmentation[]): Augmentation {
  augmentations.forEach((a, i) => assertAugmentation('composeAugmentations', a, `augmentation ${i}`));
  const steps = [...augmentations];
  return (images: Tensor, rng: Rng): Tensor => {
    let x = images;
    for (const step of steps) x = step(x, rng);
    return x;
  };
}
