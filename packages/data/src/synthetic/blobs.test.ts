import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import { blobs } from './blobs';

describe('blobs', () => {
  it('draws each class around its center with the given σ', () => {
    // 3000 samples, 1000 a class: the sample mean's sd is σ/√1000 ≈ 0.016 (σ = 0.5); bound 0.1
    const centers = [[0, 0], [3, 1], [-2, 4]];
    const { x, y } = blobs({ samples: 3000, centers, std: 0.5, rng: createRng(1), dtype: 'float64' });
    const xs = x.dataSync();
    const labels = y.dataSync();
    centers.forEach((c, k) => {
      let n = 0;
      const mean = [0, 0];
      let sq = 0;
      for (let i = 0; i < 3000; i++) {
        if (labels[i] !== k) continue;
        n++;
        mean[0] += xs[2 * i];
        mean[1] += xs[2 * i + 1];
        sq += (xs[2 * i] - c[0]) ** 2;
      }
      expect(n).toBe(1000);
      expect(Math.abs(mean[0] / n - c[0])).toBeLessThan(0.1);
      expect(Math.abs(mean[1] / n - c[1])).toBeLessThan(0.1);
      expect(Math.abs(Math.sqrt(sq / n) - 0.5)).toBeLessThan(0.05);
    });
  });

  it('is reproducible, splits odd counts first-class-first, and refuses ragged centers', () => {
    const a = blobs({ samples: 7, rng: createRng(2) });
    expect(Array.from(a.y.dataSync())).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(blobs({ samples: 7, rng: createRng(2) }).x.dataSync()));
    expect(() => blobs({ samples: 4, centers: [[0, 0], [1]], rng: createRng(0) })).toThrow(ValueError);
    expect(() => blobs({ samples: 0, rng: createRng(0) })).toThrow('blobs: samples must be an integer ≥ 1, got 0');
  });
});
