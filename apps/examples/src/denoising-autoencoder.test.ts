import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { tensor } from '@nn/core';
import { QUICK, denoisingAutoencoder, imageRowsPng } from './denoising-autoencoder';

describe('denoisingAutoencoder', () => {
  it('learns to fill in erased pixels in the quick variant', async () => {
    const r = await denoisingAutoencoder(QUICK);
    expect(r.history.epochs).toHaveLength(4);
    expect(r.history.epochs[3].loss).toBeLessThan(r.history.epochs[0].loss);
    // the reconstructions are closer to the clean digits than the corrupted inputs (about 0.041 against
    // 0.050 with seed 1) and than the average digit (0.065)
    expect(r.reconstructionError).toBeLessThan(r.corruptedError);
    expect(r.reconstructionError).toBeLessThan(r.meanImageError);
    expect(r.clean.shape).toEqual([10, 28, 28]);
    expect(r.corrupted.shape).toEqual([10, 28, 28]);
    expect(r.reconstructed.shape).toEqual([10, 28, 28]);
    // about half of the ink survives the corruption (p = 0.5)
    const ink = (t: typeof r.clean) => Array.from(t.dataSync()).reduce((a, b) => a + b, 0);
    expect(ink(r.corrupted) / ink(r.clean)).toBeGreaterThan(0.35);
    expect(ink(r.corrupted) / ink(r.clean)).toBeLessThan(0.65);
  });
});

describe('imageRowsPng', () => {
  it('draws each row of digits, ink dark on white, with gaps', () => {
    const digit = new Array(784).fill(0);
    digit[0] = 1; // top-left pixel full ink
    const bytes = imageRowsPng([tensor([...digit, ...digit], [2, 28, 28]), tensor([...digit, ...digit], [2, 28, 28])], 1);
    const png = PNG.sync.read(Buffer.from(bytes));
    expect([png.width, png.height]).toEqual([2 * 30 + 2, 2 * 30 + 2]);
    const at = (x: number, y: number) => png.data[(y * png.width + x) * 4];
    expect(at(2, 2)).toBe(0); // the inked pixel of the first digit, after the 2-pixel gap
    expect(at(3, 2)).toBe(255);
    expect(at(32, 32)).toBe(0); // the second digit of the second row
    expect(at(0, 0)).toBe(255);
  });
});
