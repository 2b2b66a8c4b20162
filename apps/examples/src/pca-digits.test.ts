import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { tensor } from '@nn/core';
import { QUICK, digitRowsPng, pcaDigits, speedTable } from './pca-digits';

describe('pcaDigits', () => {
  it('rebuilds digits better with more components, and learns faster from standardized and whitened inputs', async () => {
    const r = await pcaDigits(QUICK);
    expect(r.reconstructions.map((c) => c.components)).toEqual([5, 10, 20, 50]);
    for (let i = 1; i < 4; i++) {
      // more components keep more variance and leave a smaller error (PCA's components are nested)
      expect(r.reconstructions[i].varianceKept).toBeGreaterThan(r.reconstructions[i - 1].varianceKept);
      expect(r.reconstructions[i].testError).toBeLessThan(r.reconstructions[i - 1].testError);
    }
    expect(r.reconstructions[3].varianceKept).toBeGreaterThan(0.85); // 50 of 196 pooled pixels
    expect(r.reconstructions[0].images.shape).toEqual([10, 14, 14]);
    expect(r.original.shape).toEqual([10, 14, 14]);
    const steps = Object.fromEntries(r.speed.map((s) => [s.input, s.steps]));
    // measured with seed 1 and lr 3 (one run): raw 40 steps, standardized 20, whitened 10
    expect(steps.raw).not.toBeNull();
    expect(steps.standardized!).toBeLessThan(steps.raw!);
    expect(steps.whitened!).toBeLessThan(steps.raw!);
    expect(speedTable(r.speed, 0.3).split('\n')).toHaveLength(5);
  });
});

describe('digitRowsPng', () => {
  it('draws rows of images of any size, ink dark on white', () => {
    const img = new Array(16).fill(0);
    img[5] = 1; // row 1, column 1 of a 4×4 image
    const png = PNG.sync.read(Buffer.from(digitRowsPng([tensor([...img, ...img], [2, 4, 4])], 1)));
    expect([png.width, png.height]).toEqual([2 * 6 + 2, 6 + 2]);
    const at = (x: number, y: number) => png.data[(y * png.width + x) * 4];
    expect(at(3, 3)).toBe(0);
    expect(at(9, 3)).toBe(0); // the second image starts at 2 + 6
    expect(at(4, 3)).toBe(255);
  });
});
