import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, type Tensor, full, tensor, zeros } from '@nn/tensor';
import { convolve } from './convolve';
import { boxBlur, emboss, gaussianBlur, laplacian, sharpen, sobelX, sobelY } from './image-filters';

/** The rows and columns at least `border` away from the edge. */
const inside = (t: Tensor, border = 1): number[][] =>
  (t.toArray() as number[][]).slice(border, t.shape[0] - border).map((row) => row.slice(border, t.shape[1] - border));

/** image[i][j] = j: brightness rising by 1 per column, to the right. */
const horizontalRamp = tensor(Array.from({ length: 5 }, () => [0, 1, 2, 3, 4, 5]));

describe('convolve', () => {
  it('keeps a constant image constant away from the border with a box blur (zeros beyond it darken the edge)', () => {
    const blurred = convolve(full([6, 7], 9), boxBlur(3));
    expect(blurred.shape).toEqual([6, 7]);
    expect(inside(blurred)).toBeAllClose(full([4, 5], 9));
    expect((blurred.toArray() as number[][])[0][0]).toBeCloseTo(4, 5); // a corner sees 4 of its 9 pixels: 9·4/9
    expect((blurred.toArray() as number[][])[0][3]).toBeCloseTo(6, 5); // an edge sees 6: 9·6/9
    expect(inside(convolve(full([8, 8], 2), gaussianBlur(1)), 3)).toBeAllClose(full([2, 2], 2), { rtol: 1e-5 });
  });

  it('finds the slope of a horizontal ramp with Sobel: 8 per unit across, 0 along', () => {
    // Each row of sobelX: −1·(j−1) + 1·(j+1) = 2; weights 1, 2, 1 over three rows → 8.
    expect(convolve(horizontalRamp, sobelX(), { padding: 'valid' }).toArray()).toEqual(Array.from({ length: 3 }, () => [8, 8, 8, 8]));
    expect(convolve(horizontalRamp, sobelY(), { padding: 'valid' }).toArray()).toEqual(Array.from({ length: 3 }, () => [0, 0, 0, 0]));
    // A one-column ramp rising downwards, padded by a zero column each side: only sobelY's middle
    // column (−2 above, +2 below) sees it, so each output is 2·(i + 1) − 2·(i − 1) = 4.
    const verticalRamp = tensor([0, 1, 2, 3, 4], [5, 1]);
    expect(convolve(verticalRamp, sobelY(), { padding: [0, 1] }).toArray()).toEqual([[4], [4], [4]]);
  });

  it('gives zero for a ramp under the Laplacian, leaves it alone under sharpen and lifts it under emboss, inside', () => {
    expect(inside(convolve(horizontalRamp, laplacian()))).toEqual(Array.from({ length: 3 }, () => [0, 0, 0, 0]));
    expect(inside(convolve(horizontalRamp, sharpen()))).toEqual(Array.from({ length: 3 }, () => [1, 2, 3, 4]));
    // emboss's columns sum to −3, 1, 3, so a pixel j becomes −3·(j − 1) + 1·j + 3·(j + 1) = j + 6.
    expect(inside(convolve(horizontalRamp, emboss()))).toEqual(Array.from({ length: 3 }, () => [7, 8, 9, 10]));
  });

  it('filters each channel of a [C,H,W] image on its own', () => {
    const rgb = tensor([...Array(9).fill(1), ...Array(9).fill(2), ...Array(9).fill(3)], [3, 3, 3]);
    const y = convolve(rgb, boxBlur(3), { padding: 'valid' });
    expect(y.shape).toEqual([3, 1, 1]);
    expect(y.dataSync()).toBeAllClose([1, 2, 3]);
    expect(convolve(rgb, boxBlur(3), { stride: 2 }).shape).toEqual([3, 2, 2]);
  });

  it('refuses images of another rank, a mismatched kernel dtype and a kernel too large', () => {
    expect(() => convolve(zeros([1, 1, 4, 4]), sobelX())).toThrow(new ShapeError('convolve', 'expected an image of shape [H,W] or [C,H,W], got [1,1,4,4]'));
    expect(() => convolve(zeros([4, 4], 'float64'), sobelX())).toThrow(
      new DTypeError('convolve', 'image is float64 but the kernel is float32; make both one dtype'),
    );
    expect(() => convolve(zeros([4, 4]), zeros([3]))).toThrow(new ShapeError('convolve', 'expected kernel of shape [kh,kw], got [3]'));
    expect(() => convolve(zeros([2, 2]), sobelX(), { padding: 'valid' })).toThrow(
      new ShapeError('convolve', 'kernel 3×3 is larger than the padded input 2×2 (input [2,2], padding "valid")'),
    );
  });
});
