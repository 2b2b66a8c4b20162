import { describe, expect, it } from 'vitest';
import { windowGeometry } from './geometry';
import { im2colIndices, im2colIndicesUnpadded, poolTapIndices, poolWindowIndices } from './window-indices';

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

describe('im2colIndicesUnpadded', () => {
  it.each([
    { kernel: [3, 3], opts: { padding: 1 } },
    { kernel: [5, 5], opts: { padding: 2 } },
    { kernel: [3, 2], opts: { stride: [2, 1], padding: 'same' } },
    { kernel: [2, 3], opts: { dilation: 2, padding: [1, 2] } },
    { kernel: [3, 3], opts: {} },
  ] as const)('reads what the padded columns read: kernel $kernel, $opts', ({ kernel, opts }) => {
    const [c, h, w] = [2, 6, 7];
    const g = windowGeometry('test', [1, c, h, w], [...kernel], { stride: 1, padding: 0, dilation: 1, ...opts } as Parameters<typeof windowGeometry>[3]);
    const padded = im2colIndices(g).array;
    const unpadded = im2colIndicesUnpadded(g, true).array;
    const k = c * kernel[0] * kernel[1];
    expect(unpadded.length).toBe((k + 1) * g.ho * g.wo);
    // padded position → (channel, row, column) of x, or the zero slot c·h·w when it is padding
    const expected = Array.from(padded, (p) => {
      const ch = Math.floor(p / (g.hp * g.wp));
      const y = Math.floor((p % (g.hp * g.wp)) / g.wp) - g.padH[0];
      const x = (p % g.wp) - g.padW[0];
      return y >= 0 && y < h && x >= 0 && x < w ? ch * h * w + y * w + x : c * h * w;
    });
    expect(Array.from(unpadded.subarray(0, k * g.ho * g.wo))).toEqual(expected);
    expect(unpadded.subarray(k * g.ho * g.wo).every((v) => v === c * h * w + 1)).toBe(true);
    expect(im2colIndicesUnpadded(g, false).array.length).toBe(k * g.ho * g.wo);
  });
});
