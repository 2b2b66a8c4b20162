import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, sum } from '@nn/tensor';
import { boxBlur, emboss, gaussianBlur, laplacian, sharpen, sobelX, sobelY } from './image-filters';

describe('image filter kernels', () => {
  it('are the textbook 3×3 matrices', () => {
    expect(sharpen().toArray()).toEqual([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
    expect(sobelX().toArray()).toEqual([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]);
    expect(sobelY().toArray()).toEqual([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]);
    expect(laplacian().toArray()).toEqual([[0, 1, 0], [1, -4, 1], [0, 1, 0]]);
    expect(emboss().toArray()).toEqual([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]);
  });

  it('keep brightness where they should: blurs, sharpen and emboss sum to 1, edge detectors to 0', () => {
    for (const k of [sharpen(), boxBlur(), boxBlur(5), gaussianBlur(1), gaussianBlur(0.7, 4), emboss()]) expect(sum(k).item()).toBeCloseTo(1, 6);
    for (const k of [sobelX(), sobelY(), laplacian()]) expect(sum(k).item()).toBe(0);
  });

  it('boxBlur(size) is size×size of 1/size²', () => {
    expect(boxBlur(2).toArray()).toEqual([[0.25, 0.25], [0.25, 0.25]]);
    expect(boxBlur().shape).toEqual([3, 3]);
  });

  it('gaussianBlur samples exp(−r²/2σ²), normalized, reaching 3σ by default', () => {
    const g = gaussianBlur(1, undefined, { dtype: 'float64' });
    expect(g.shape).toEqual([7, 7]);
    const v = g.toArray() as number[][];
    // Ratios to the centre: e^(−1/2) one step away, e^(−1) one step diagonally.
    expect(v[3][4] / v[3][3]).toBeCloseTo(Math.exp(-0.5), 12);
    expect(v[2][4] / v[3][3]).toBeCloseTo(Math.exp(-1), 12);
    expect(v[0][1]).toBeCloseTo(v[1][0], 15);
    expect(gaussianBlur(0.5).shape).toEqual([5, 5]);
  });

  it('refuse bad arguments', () => {
    expect(() => boxBlur(0)).toThrow(new ValueError('boxBlur', 'size must be a positive integer, got 0'));
    expect(() => gaussianBlur(0)).toThrow(new ValueError('gaussianBlur', 'sigma must be a positive number, got 0'));
    expect(() => gaussianBlur(1, 2.5)).toThrow(new ValueError('gaussianBlur', 'size must be a positive integer, got 2.5'));
    expect(() => sobelX({ dtype: 'int32' as 'float32' })).toThrow(new DTypeError('sobelX', "dtype must be 'float32' or 'float64', got int32"));
  });
});
