import { describe, expect, it } from 'vitest';
import { tensor } from '@nn/core';
import { gaussianBlobs, nearestCenter } from './gaussian-blobs';

describe('gaussianBlobs', () => {
  it('draws perClass samples around each center, repeatably', () => {
    const centers = [[-3, 0], [3, 0]];
    const a = gaussianBlobs({ centers, perClass: 500, std: 0.5, seed: 4 });
    expect(a.x.shape).toEqual([1000, 2]);
    expect(Array.from(a.y.dataSync().slice(498, 502))).toEqual([0, 0, 1, 1]);
    const xs = a.x.dataSync();
    const meanX = (from: number) => Array.from({ length: 500 }, (_, i) => xs[2 * (from + i)]).reduce((s, v) => s + v, 0) / 500;
    expect(meanX(0)).toBeCloseTo(-3, 1); // standard error 0.5/√500 ≈ 0.02
    expect(meanX(500)).toBeCloseTo(3, 1);
    expect(gaussianBlobs({ centers, perClass: 500, std: 0.5, seed: 4 }).x.dataSync()).toEqual(xs);
  });
});

describe('nearestCenter', () => {
  it('classifies each point by its nearest center', () => {
    const points = { x: tensor([[0, 0], [4, 6], [-3, 1]]), y: tensor([0, 0, 0], [3], 'int32') };
    expect(Array.from(nearestCenter(points, [[5, 5], [0.1, 0.1], [-5, 0]]))).toEqual([1, 0, 2]);
  });
});
