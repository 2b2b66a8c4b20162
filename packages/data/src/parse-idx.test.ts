import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { idxBytes } from './idx-fixture';
import { parseIdx } from './parse-idx';

describe('parseIdx', () => {
  it('reads an unsigned-byte array of rank 3 (the MNIST images layout)', () => {
    // magic 0x00000803, dims 2 × 2 × 3, then 12 bytes
    const bytes = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
    const { dtype, shape, data } = parseIdx(bytes);
    expect(dtype).toBe('uint8');
    expect(shape).toEqual([2, 2, 3]);
    expect(data).toBeInstanceOf(Uint8Array);
    expect(Array.from(data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
    expect(data.buffer).toBe(bytes.buffer); // a view, not a copy
  });

  it('reads every element type, big-endian', () => {
    const cases: [number, string, ArrayConstructor | Function, number[]][] = [
      [0x09, 'int8', Int8Array, [-128, -1, 0, 127]],
      [0x0b, 'int16', Int16Array, [-32768, -2, 258, 32767]],
      [0x0c, 'int32', Int32Array, [-2147483648, -3, 16909060, 2147483647]],
      [0x0d, 'float32', Float32Array, [-1.5, 0, 0.25, 3e38]],
      [0x0e, 'float64', Float64Array, [-0.1, 0, 1e-300, Math.PI]],
    ];
    for (const [code, dtype, type, values] of cases) {
      const idx = parseIdx(idxBytes(code, [2, 2], values));
      expect(idx.dtype).toBe(dtype);
      expect(idx.shape).toEqual([2, 2]);
      expect(idx.data).toBeInstanceOf(type);
      expect(Array.from(idx.data)).toEqual(code === 0x0d ? values.map(Math.fround) : values);
    }
  });

  it('decodes big-endian by hand: 0x0102 is 258 as int16', () => {
    const idx = parseIdx(new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 1, 0x01, 0x02]));
    expect(Array.from(idx.data)).toEqual([258]);
  });

  it('reads data at an odd offset inside a larger buffer', () => {
    const inner = idxBytes(0x0e, [3], [1.5, -2, 7]);
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 3);
    expect(Array.from(parseIdx(outer.subarray(3)).data)).toEqual([1.5, -2, 7]);
  });

  it('reads a rank-1 label file and an empty one', () => {
    expect(Array.from(parseIdx(idxBytes(0x08, [3], [5, 0, 4])).data)).toEqual([5, 0, 4]);
    expect(parseIdx(idxBytes(0x08, [0, 28, 28], [])).shape).toEqual([0, 28, 28]);
  });

  it('refuses a bad magic number', () => {
    const bytes = idxBytes(0x08, [1], [0]);
    bytes[1] = 0x42;
    expect(() => parseIdx(bytes)).toThrow(ValueError);
    expect(() => parseIdx(bytes)).toThrow('parseIdx: bad magic number 0x00420801: an IDX file starts with two zero bytes');
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow('unknown type code 0x0a');
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0]))).toThrow('gzip-compressed');
  });

  it('refuses truncated headers and data', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow('parseIdx: expected at least the 4-byte IDX magic number, got 2 bytes');
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]))).toThrow('the header of a rank-3 IDX file has 16 bytes, got 10 (truncated)');
    const full = idxBytes(0x0b, [2, 3], [1, 2, 3, 4, 5, 6]);
    expect(() => parseIdx(full.subarray(0, full.length - 1))).toThrow(
      'parseIdx: int16 [2,3] needs 12 bytes of data after the 12-byte header, got 11 (truncated)',
    );
  });

  it('refuses extra bytes after the data', () => {
    const bytes = new Uint8Array([...idxBytes(0x08, [2], [1, 2]), 0, 0]);
    expect(() => parseIdx(bytes)).toThrow('parseIdx: uint8 [2] needs 2 bytes of data after the 8-byte header, got 4 (2 bytes too long)');
  });

  it('refuses what is not a byte array', () => {
    expect(() => parseIdx([0, 0, 8, 0] as never)).toThrow('parseIdx: expected the file\'s bytes as a Uint8Array (or Buffer), got object');
  });
});
