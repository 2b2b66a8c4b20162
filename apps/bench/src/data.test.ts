import { describe, expect, it } from 'vitest';
import { accuracyOf, nnDataset, permutation } from './data';

describe('permutation', () => {
  it('shuffles 0…n−1, the same way for the same seed', () => {
    const p = permutation(100, 7);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect(permutation(100, 7)).toEqual(p);
    expect(permutation(100, 8)).not.toEqual(p);
  });
});

describe('accuracyOf', () => {
  it('counts the rows whose argmax is the label', () => {
    const scores = [0.1, 0.9, 0, /**/ 0.8, 0.1, 0.1, /**/ 0, 0.2, 0.3, /**/ 0.5, 0.4, 0.1];
    expect(accuracyOf(scores, 3, [1, 0, 2, 1])).toBe(0.75);
  });
});

describe('nnDataset', () => {
  it('takes the first samples, as rows or as images', () => {
    const x = Float32Array.from({ length: 3 * 784 }, (_, i) => i);
    const y = Int32Array.of(4, 5, 6);
    const rows = nnDataset(x, y, 2);
    expect(rows.x.shape).toEqual([2, 784]);
    expect(rows.y.dataSync()).toEqual(Int32Array.of(4, 5));
    const images = nnDataset(x, y, 1, [1, 28, 28]);
    expect(images.x.shape).toEqual([1, 1, 28, 28]);
    expect(images.x.dataSync()[783]).toBe(783);
  });
});
