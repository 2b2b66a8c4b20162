import { describe, expect, it } from 'vitest';
import { NnError, ValueError, add, arange, createRng, tensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { batches } from '../batches';
import { dataset } from '../dataset';
import { augmentBatches } from './augment-batches';
import { randomAffine } from './random-affine';

// 10 images [10, 1, 3, 3], image i filled with i; labels i
const ds = dataset(tensor(Array.from({ length: 10 }, (_, i) => [Array.from({ length: 3 }, () => [i, i, i])])), arange(0, 10, 1, 'int32'));
const values = (t: Tensor) => Array.from(t.dataSync());

describe('augmentBatches', () => {
  it('augments each batch x and keeps y, index and count', () => {
    const plusHundred = (images: Tensor) => add(images, 100);
    const out = [...augmentBatches(batches(ds, { size: 4 }), plusHundred, createRng(0))];
    expect(out.map((b) => [b.index, b.count, b.x.shape[0]])).toEqual([[0, 3, 4], [1, 3, 4], [2, 3, 2]]);
    expect(out.map((b) => values(b.y))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(values(out[2].x)).toEqual([...Array(9).fill(108), ...Array(9).fill(109)]);
    expect(out[1].x.shape).toEqual([4, 1, 3, 3]);
  });

  it('takes a dataset and the options of batches, with the same result as over batches()', () => {
    const aug = randomAffine({ rotation: 30, translate: [0.3, 0.3] });
    const opts = { size: 3, shuffle: true } as const;
    const a = [...augmentBatches(ds, { ...opts, rng: createRng(1) }, aug, createRng(2))];
    const b = [...augmentBatches(batches(ds, { ...opts, rng: createRng(1) }), aug, createRng(2))];
    expect(a.map((t) => values(t.x))).toEqual(b.map((t) => values(t.x)));
    expect(a.map((t) => values(t.y))).toEqual(b.map((t) => values(t.y)));
  });

  it('draws fresh transformations every pass, and repeats them with the same seed', () => {
    const aug = randomAffine({ rotation: 40 });
    const epochs = (seed: number) => {
      const rng = createRng(seed);
      const source = augmentBatches(ds, { size: 5, shuffle: true, rng }, aug, rng); // one rng for both is fine
      return [0, 1].map(() => [...source].map((b) => values(b.x)));
    };
    const [first, second] = epochs(3);
    expect(first).not.toEqual(second);
    expect(epochs(3)).toEqual([first, second]);
    expect(epochs(4)[0]).not.toEqual(first);
  });

  it('refuses bad arguments with errors naming the op', () => {
    const aug = randomAffine();
    expect(() => augmentBatches(42 as never, aug, createRng(0))).toThrow(NnError);
    expect(() => augmentBatches(ds as never, aug, createRng(0))).toThrow(/augmentBatches: with a dataset, pass \(dataset, \{ size, … \}, augmentation, rng\)/);
    expect(() => augmentBatches(batches(ds, { size: 2 }), 'flip' as never, createRng(0))).toThrow(ValueError);
    expect(() => augmentBatches(batches(ds, { size: 2 }), aug, undefined as never)).toThrow(/augmentBatches: expected an rng/);
    // the images themselves are checked by the augmentation, when the batch is made
    const flat = dataset(tensor([[1, 2], [3, 4]]), tensor([0, 1]));
    expect(() => [...augmentBatches(flat, { size: 1 }, aug, createRng(0))]).toThrow(/randomAffine: expected images/);
  });
});
