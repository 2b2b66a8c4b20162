import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, createRng, tensor } from '@nn/tensor';
import { affineTransform } from './affine-transform';
import { randomAffine } from './random-affine';

const grid = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
];
const image = tensor([grid]); // [1, 4, 4]
/** n copies of a 10×10 image with a bright off-centre block, [n, 1, 10, 10]. */
function blocks(n: number, dtype: 'float32' | 'float64' = 'float32') {
  const one = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => (r >= 2 && r < 5 && c >= 3 && c < 7 ? 1 : 0)));
  return tensor(Array.from({ length: n }, () => [one]), undefined, dtype);
}
const images = (t: ReturnType<typeof tensor>) => t.toArray() as number[][][][];

describe('randomAffine', () => {
  it('gives back the images exactly with the default (identity) ranges', () => {
    const x = blocks(3);
    const out = randomAffine()(x, createRng(0));
    expect(out.toArray()).toEqual(x.toArray());
    expect(out.shape).toEqual([3, 1, 10, 10]);
  });

  it('draws from a one-point range exactly that transformation', () => {
    const out = randomAffine({ rotation: [90, 90] })(image, createRng(1));
    expect(out.toArray()).toEqual([[[4, 8, 12, 16], [3, 7, 11, 15], [2, 6, 10, 14], [1, 5, 9, 13]]]);
    const fixed = { rotation: [20, 20], scale: [1.1, 1.1], shear: [-5, -5], fill: 0.25 } as const;
    expect(randomAffine(fixed)(blocks(2), createRng(2)).toArray()).toEqual(
      affineTransform(blocks(2), { rotation: 20, scale: 1.1, shear: -5 }, { fill: 0.25 }).toArray(),
    );
  });

  it('draws an independent transformation per image, in order', () => {
    const aug = randomAffine({ rotation: 30, scale: [0.8, 1.2], shear: 10, translate: [0.2, 0.2] });
    const out = images(aug(blocks(4), createRng(3)));
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(out[i]).not.toEqual(out[j]);
    // image 0 takes the first five draws whatever follows it, so alone it comes out the same
    expect(images(aug(blocks(1), createRng(3)))[0]).toEqual(out[0]);
  });

  it('repeats with the same seed and differs with another', () => {
    const aug = randomAffine({ rotation: 15, translate: [0.1, 0.1] });
    const x = blocks(5, 'float64');
    const a = aug(x, createRng(7));
    expect(a.toArray()).toEqual(aug(x, createRng(7)).toArray());
    expect(a.toArray()).not.toEqual(aug(x, createRng(8)).toArray());
    expect(a.dtype).toBe('float64');
  });

  it('keeps the translation within its bound', () => {
    // A single lit pixel at the centre-ish (4, 4) of a 10×10 image, shifted by at most 0.2·10 = 2 pixels:
    // the centre of mass of the output stays within 2 of (4, 4) along x and does not move along y.
    const one = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => (r === 4 && c === 4 ? 1 : 0)));
    const x = tensor(Array.from({ length: 50 }, () => [one]), undefined, 'float64');
    const out = images(randomAffine({ translate: [0.2, 0] })(x, createRng(9)));
    const shifts = out.map(([plane]) => {
      let m = 0, mx = 0, my = 0;
      plane.forEach((row, r) => row.forEach((v, c) => { m += v; mx += v * c; my += v * r; }));
      return [mx / m - 4, my / m - 4];
    });
    expect(Math.max(...shifts.map(([dx]) => Math.abs(dx)))).toBeLessThanOrEqual(2);
    expect(Math.max(...shifts.map(([dx]) => Math.abs(dx)))).toBeGreaterThan(1); // 50 draws reach past half the bound
    expect(shifts.every(([, dy]) => Math.abs(dy) < 1e-12)).toBe(true);
  });

  it('keeps every value between the input range and fill (bilinear is a convex combination)', () => {
    const rng = createRng(10);
    const x = tensor(Array.from({ length: 8 }, () => [Array.from({ length: 12 }, () => Array.from({ length: 12 }, () => rng.uniformRange(0.2, 0.9)))]), undefined, 'float64');
    const out = randomAffine({ rotation: 45, scale: [0.5, 1.5], shear: 20, translate: [0.3, 0.3], fill: 0.1 })(x, rng).dataSync();
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0.1 - 1e-12);
    expect(Math.max(...out)).toBeLessThanOrEqual(0.9 + 1e-12);
  });

  it('refuses bad options and input with typed errors naming the op', () => {
    expect(() => randomAffine({ rotation: -5 })).toThrow(ValueError);
    expect(() => randomAffine({ rotation: [10, 5] })).toThrow(/randomAffine: rotation/);
    expect(() => randomAffine({ scale: [0, 1] })).toThrow(/randomAffine: scale must be \[lo, hi\] with 0 < lo ≤ hi/);
    expect(() => randomAffine({ shear: 90 })).toThrow(/randomAffine: shear/);
    expect(() => randomAffine({ translate: [-0.1, 0] })).toThrow(/randomAffine: translate/);
    expect(() => randomAffine({ fill: 'wrap' as never })).toThrow(/randomAffine: fill/);
    const aug = randomAffine({ rotation: 10 });
    expect(() => aug(tensor([[1, 2]]), createRng(0))).toThrow(ShapeError);
    expect(() => aug(tensor([[1, 2]]), createRng(0))).toThrow(/randomAffine: expected images \[N, C, H, W\] or \[N, H, W\], got shape \[1,2\] \(rank 2\)/);
    expect(() => aug(tensor([[[1]]], undefined, 'int32'), createRng(0))).toThrow(DTypeError);
    expect(() => aug(image, undefined as never)).toThrow(/randomAffine: expected an rng/);
  });
});
