import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, tensor } from '@nn/tensor';
import { affineMatrix, affineTransform } from './affine-transform';

// A 4×4 image with no symmetry: pixel (row r, column c) = 4r + c + 1.
const grid = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
];
const image = tensor([grid]); // [1, 4, 4], float32

describe('affineMatrix', () => {
  it('is the identity for the default parameters', () => {
    expect(affineMatrix({}, 28, 28)).toBeAllClose([1, 0, 0, 0, 1, 0], { atol: 0 });
  });

  it('turns 90° about the centre, counter-clockwise on screen', () => {
    // A = R(90°) = [[0, 1], [−1, 0]], o = (1.5, 1.5): e = 1.5 − (0·1.5 + 1·1.5) = 0, f = 1.5 − (−1.5 + 0) = 3.
    // The top-right pixel (3, 0) goes to (0·3 + 1·0 + 0, −3 + 0 + 3) = (0, 0): the top-left.
    expect(affineMatrix({ rotation: 90 }, 4, 4)).toBeAllClose([0, 1, 0, -1, 0, 3], { atol: 1e-15 });
  });

  it('composes shear, scale, rotation, then translation', () => {
    // s = 2, θ = 0, φ = 45° (tan = 1): A = 2·[[1, 1], [0, 1]]; o = (1, 1) on a 3×3 image; t = (5, 7):
    // e = 1 + 5 − (2 + 2) = 2, f = 1 + 7 − (0 + 2) = 6.
    expect(affineMatrix({ scale: 2, shear: 45, translate: [5, 7] }, 3, 3)).toBeAllClose([2, 2, 2, 0, 2, 6], { atol: 1e-14 });
  });
});

describe('affineTransform', () => {
  it('gives back the image exactly for identity parameters', () => {
    const out = affineTransform(image, { rotation: 0, scale: 1, shear: 0, translate: [0, 0] });
    expect(out.toArray()).toEqual([grid]);
    expect(out.dtype).toBe('float32');
  });

  it('rotates by 90° exactly as by hand (bilinear at integer positions is exact)', () => {
    // np.rot90 by hand: out[r][c] = in[c][3 − r] — the last column becomes the first row.
    const byHand = [
      [4, 8, 12, 16],
      [3, 7, 11, 15],
      [2, 6, 10, 14],
      [1, 5, 9, 13],
    ];
    expect(affineTransform(image, { rotation: 90 }).toArray()).toEqual([byHand]);
    // exactly also in float64, where cos 90° = 6e-17 would otherwise leave a 1e-16 blend of the next pixel
    expect(affineTransform(tensor([grid], undefined, 'float64'), { rotation: 90 }).toArray()).toEqual([byHand]);
    expect(affineTransform(tensor([grid], undefined, 'float64'), { rotation: 270 }).toArray()).toEqual(affineTransform(image, { rotation: -90 }).toArray());
    // and −90° (clockwise): out[r][c] = in[3 − c][r]
    expect(affineTransform(image, { rotation: -90 }).toArray()).toEqual([[
      [13, 9, 5, 1],
      [14, 10, 6, 2],
      [15, 11, 7, 3],
      [16, 12, 8, 4],
    ]]);
    // 180° twice over a 3×3 (odd size, centre on a pixel)
    expect(affineTransform(tensor([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]), { rotation: 180 }).toArray()).toEqual([[[9, 8, 7], [6, 5, 4], [3, 2, 1]]]);
  });

  it('shifts by whole pixels, filling what comes in from outside', () => {
    expect(affineTransform(image, { translate: [1, 0] }).toArray()).toEqual([[
      [0, 1, 2, 3],
      [0, 5, 6, 7],
      [0, 9, 10, 11],
      [0, 13, 14, 15],
    ]]);
    expect(affineTransform(image, { translate: [-1, 2] }, { fill: -1 }).toArray()).toEqual([[
      [-1, -1, -1, -1],
      [-1, -1, -1, -1],
      [2, 3, 4, -1],
      [6, 7, 8, -1],
    ]]);
    // 'edge' repeats the border column instead
    expect((affineTransform(image, { translate: [2, 0] }, { fill: 'edge' }).toArray() as number[][][])[0]).toEqual([
      [1, 1, 1, 2],
      [5, 5, 5, 6],
      [9, 9, 9, 10],
      [13, 13, 13, 14],
    ]);
  });

  it('averages neighbours at a half-pixel position', () => {
    // Shifting right by ½ samples output column c at input column c − ½, x₀ = c − 1, fx = ½:
    // row 0: c = 1 → ½·1 + ½·2 = 1.5, c = 2 → ½·2 + ½·3 = 2.5, c = 3 → 3.5; c = 0 → ½·fill + ½·1 = 0.5.
    const out = affineTransform(image, { translate: [0.5, 0] });
    expect((out.toArray() as number[][][])[0][0]).toEqual([0.5, 1.5, 2.5, 3.5]);
    // Half a pixel in both directions: output (1, 1) reads (0.5, 0.5), the mean of 1, 2, 5, 6 = 14 / 4 = 3.5.
    expect((affineTransform(image, { translate: [0.5, 0.5] }).toArray() as number[][][])[0][1][1]).toBe(3.5);
  });

  it('scales about the centre', () => {
    // ×2 on the 3×3 image samples output (x, y) at o + (p − o)/2 = (1 + (x − 1)/2, …): the corners read
    // (0.5, 0.5), the mean of 1, 2, 4, 5 = 3; the centre stays 5.
    const out = affineTransform(tensor([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], undefined, 'float64'), { scale: 2 });
    expect(out.toArray()).toEqual([[[3, 3.5, 4], [4.5, 5, 5.5], [6, 6.5, 7]]]);
    expect(out.dtype).toBe('float64');
  });

  it('transforms every channel alike, [N, C, H, W] as [N, H, W]', () => {
    const two = tensor([[grid, grid.map((row) => row.map((v) => 2 * v))]]); // [1, 2, 4, 4]
    const out = affineTransform(two, { rotation: 33, scale: 0.8, shear: 12, translate: [0.3, -0.7] }).toArray() as number[][][][];
    expect(out[0][1]).toEqual(out[0][0].map((row) => row.map((v) => 2 * v)));
    expect(out[0][0]).toEqual((affineTransform(image, { rotation: 33, scale: 0.8, shear: 12, translate: [0.3, -0.7] }).toArray() as number[][][])[0]);
  });

  it('refuses bad input with typed errors naming the op', () => {
    expect(() => affineTransform(tensor([1, 2, 3]), {})).toThrow(ShapeError);
    expect(() => affineTransform(tensor([1, 2, 3]), {})).toThrow(/affineTransform: expected images \[N, C, H, W\] or \[N, H, W\], got shape \[3\]/);
    expect(() => affineTransform(tensor([[[1]]], undefined, 'int32'), {})).toThrow(DTypeError);
    expect(() => affineTransform(image, { scale: 0 })).toThrow(ValueError);
    expect(() => affineTransform(image, { shear: 90 })).toThrow(/affineTransform: shear/);
    expect(() => affineTransform(image, {}, { fill: Number.NaN })).toThrow(/fill must be a finite number or 'edge'/);
  });
});
