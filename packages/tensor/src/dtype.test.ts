import { describe, expect, it } from 'vitest';
import { allocate, isSharedView } from './dtype';
import { fromTypedArray } from './ops/creation';
import { add } from './ops/binary';

describe('allocate', () => {
  it('gives zero-filled arrays of the dtype and size, small and large', () => {
    for (const size of [0, 3, 16, 100, 256, 5000]) {
      for (const [dtype, type] of [['float32', Float32Array], ['float64', Float64Array], ['int32', Int32Array]] as const) {
        const a = allocate(dtype, size);
        expect(a).toBeInstanceOf(type);
        expect(a.length).toBe(size);
        expect(a.every((v) => v === 0)).toBe(true);
      }
    }
  });

  it('keeps arrays that share a slab independent: writing one never changes another', () => {
    const arrays = Array.from({ length: 40 }, (_, i) => allocate(i % 2 === 0 ? 'float32' : 'float64', 17 + i));
    arrays.forEach((a, i) => a.fill(i + 1));
    arrays.forEach((a, i) => expect(a.every((v) => v === i + 1)).toBe(true));
    expect(arrays.some(isSharedView)).toBe(true); // 68–456 bytes: slab views
    for (const a of arrays) if (a instanceof Float64Array) expect(a.byteOffset % 8).toBe(0);
  });
});

describe('dataSync of a small tensor', () => {
  it('returns an array whose buffer holds its elements alone', () => {
    const a = fromTypedArray(Float32Array.from({ length: 20 }, (_, i) => i), [20]);
    const y = add(a, 1).dataSync(); // 80 bytes: the kernel's result sits in a slab
    expect(y.byteLength).toBe(y.buffer.byteLength);
    expect(Array.from(new Float32Array(y.buffer))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
