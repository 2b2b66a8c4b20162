import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { tensor } from '@nn/core';
import { filterImage, imagePng } from './image-filters';

describe('filterImage', () => {
  it('applies every filter: a blur keeps a flat image flat, edge filters find a vertical edge', () => {
    // A 5×5 image: left two columns 0, right three columns 1 — one vertical edge between columns 1 and 2.
    const image = tensor(Array.from({ length: 5 }, () => [0, 0, 1, 1, 1]));
    const out = filterImage(image);
    expect(Object.keys(out)).toEqual(['sharpen', 'box-blur', 'gaussian-blur', 'sobel-x', 'sobel-y', 'laplacian', 'emboss']);
    for (const t of Object.values(out)) expect(t.shape).toEqual([5, 5]);
    const row = (t: { toArray(): unknown }) => (t.toArray() as number[][])[2];
    // Sobel x at the centre row: |response| peaks at the edge columns 1 and 2, zero in flat regions.
    const sx = row(out['sobel-x']).map(Math.abs);
    expect(sx[1]).toBeGreaterThan(0);
    expect(sx[2]).toBeGreaterThan(0);
    expect(sx[3]).toBe(0);
    // Sobel y sees no horizontal edge inside the image.
    expect(row(out['sobel-y'])).toBeAllClose([0, 0, 0, 0, 0]);
    // Box blur of a flat region stays flat; at the edge it averages: column 1 → (0+0+1)/3.
    expect(row(out['box-blur'])[3]).toBeCloseTo(1, 6);
    expect(row(out['box-blur'])[1]).toBeCloseTo(1 / 3, 6);
  });
});

describe('imagePng', () => {
  it('maps [min, max] to [0, 255] and scales the image up', () => {
    const png = PNG.sync.read(Buffer.from(imagePng(tensor([[-1, 1]]), 2)));
    expect([png.width, png.height]).toEqual([4, 2]);
    expect(png.data[0]).toBe(0);
    expect(png.data[2 * 4]).toBe(255);
  });
});
