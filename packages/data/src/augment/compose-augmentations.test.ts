import { describe, expect, it } from 'vitest';
import { ValueError, add, createRng, mul, tensor } from '@nn/tensor';
import { composeAugmentations } from './compose-augmentations';
import { elasticDistortion } from './elastic-distortion';
import { randomAffine } from './random-affine';

describe('composeAugmentations', () => {
  const x = tensor([[[1, 2], [3, 4]]]);

  it('applies the augmentations in order', () => {
    const plusOne = (images: typeof x) => add(images, 1);
    const double = (images: typeof x) => mul(images, 2);
    expect(composeAugmentations(plusOne, double)(x, createRng(0)).toArray()).toEqual([[[4, 6], [8, 10]]]); // (v + 1)·2
    expect(composeAugmentations(double, plusOne)(x, createRng(0)).toArray()).toEqual([[[3, 5], [7, 9]]]); // 2v + 1
  });

  it('draws from one rng in turn: the same as calling each with it', () => {
    const affine = randomAffine({ rotation: 10, translate: [0.1, 0.1] });
    const elastic = elasticDistortion({ alpha: 2, sigma: 1 });
    const rng = createRng(5);
    const byHand = elastic(affine(x, rng), rng);
    expect(composeAugmentations(affine, elastic)(x, createRng(5)).toArray()).toEqual(byHand.toArray());
  });

  it('returns the images unchanged when empty, and refuses non-functions', () => {
    expect(composeAugmentations()(x, createRng(0))).toBe(x);
    expect(() => composeAugmentations(randomAffine(), null as never)).toThrow(ValueError);
    expect(() => composeAugmentations(randomAffine(), null as never)).toThrow(/composeAugmentations: expected augmentation 1 to be a function/);
  });
});
