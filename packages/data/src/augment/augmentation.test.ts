import { describe, expect, it } from 'vitest';
import { NnError, ShapeError, ValueError, add, createRng, slice, tensor } from '@nn/tensor';
import { augment } from './augmentation';
import { randomAffine } from './random-affine';

describe('augment', () => {
  it('applies the augmentation with the given rng', () => {
    const x = tensor([[[0, 1], [2, 3]], [[4, 5], [6, 7]]]);
    const aug = randomAffine({ rotation: 20 });
    expect(augment(x, aug, createRng(3)).toArray()).toEqual(aug(x, createRng(3)).toArray());
    expect(augment(x, (images) => add(images, 1), createRng(0)).toArray()).toEqual([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  });

  it('refuses what is not an augmentation, an rng or a tensor, and a result that loses samples', () => {
    const x = tensor([[[0, 1], [2, 3]], [[4, 5], [6, 7]]]);
    expect(() => augment(x, 'flip' as never, createRng(0))).toThrow(ValueError);
    expect(() => augment(x, (images) => images, undefined as never)).toThrow(/augment: expected an rng/);
    expect(() => augment([[1]] as never, (images) => images, createRng(0))).toThrow(NnError);
    expect(() => augment(x, () => 3 as never, createRng(0))).toThrow(/augment: the augmentation returned number; expected a Tensor/);
    expect(() => augment(x, (images) => slice(images, [0], [1]), createRng(0))).toThrow(ShapeError);
  });
});
