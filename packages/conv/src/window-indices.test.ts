import { describe, expect, it } from 'vitest';
import { windowGeometry } from './geometry';
import { im2colIndices, poolTapIndices, poolWindowIndices } from './window-indices';

describe('im2colIndices', () => {
  it('lists, for each kernel tap, where it lands in each window of the flattened padded sample', () => {
    // C = 1, 3×3 input, 2×2 kernel, stride 1: windows start at 0, 1, 3, 4; tap (i, j) adds 3i + j.
    const g = windowGeometry('test', [1, 1, 3, 3], [2, 2], { stride: 1, padding: 0, dilation: 1 });
    expect(im2colIndices(g).tensor.toArray()).toEqual([[0, 1, 3, 4], [1, 2, 4, 5], [3, 4, 6, 7], [4, 5, 7, 8]]);
  });
  it('is built once per geometry and then reused', () => {
    const geometry = () => windowGeometry('test', [4, 2, 9, 9], [3, 3], { stride: 2, padding: 1, dilation: 1 });
    expect(im2colIndices(geometry()).tensor).toBe(im2colIndices(geometry()).tensor);
    const otherBatch = windowGeometry('test', [7, 2, 9, 9], [3, 3], { stride: 2, padding: 1, dilation: 1 });
    expect(im2colIndices(otherBatch).tensor).toBe(im2colIndices(geometry()).tensor); // N does not matter
  });
  it('adds a bias row reading the 1 after the padded sample, on request', () => {
    // C = 1, 2×2 input padded by 1 to 4×4, 3×3 kernel: 2×2 windows; the 1 sits at 16
    const g = windowGeometry('test', [1, 1, 2, 2], [3, 3], { stride: 1, padding: 1, dilation: 1 });
    const rows = im2colIndices(g, true).tensor.toArray() as number[][];
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual([0, 1, 4, 5]);
    expect(rows[8]).toEqual([10, 11, 14, 15]);
    expect(rows[9]).toEqual([16, 16, 16, 16]);
    expect(im2colIndices(g, true).tensor).not.toBe(im2colIndices(g).tensor);
  });
});

describe('poolWindowIndices', () => {
  it('lists each window of a plane in row-major order', () => {
    const g = windowGeometry('test', [1, 1, 4, 4], [2, 2], { stride: 2, padding: 0, dilation: 1 });
    expect(poolWindowIndices(g).tensor.toArray()).toEqual([[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]]);
  });
});

describe('poolTapIndices', () => {
  it('lists the same windows tap by tap (the transpose of poolWindowIndices)', () => {
    const g = windowGeometry('test', [1, 1, 4, 4], [2, 2], { stride: 2, padding: 0, dilation: 1 });
    expect(poolTapIndices(g).tensor.toArray()).toEqual([[0, 2, 8, 10], [1, 3, 9, 11], [4, 6, 12, 14], [5, 7, 13, 15]]);
  });
});
