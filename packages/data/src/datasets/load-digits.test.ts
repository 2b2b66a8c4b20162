import { describe, expect, it } from 'vitest';
import { loadDigits } from './load-digits';

describe('loadDigits', () => {
  it('holds 1797 digits of 64 pixels in 0 … 16', () => {
    const digits = loadDigits();
    expect(digits.x.shape).toEqual([1797, 64]);
    const x = digits.x.dataSync();
    // first row of digits.csv: 0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0 …; all pixels sum to 561718 (numpy)
    expect(Array.from(x.subarray(0, 16))).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(Array.from(x).reduce((s, v) => s + v, 0)).toBe(561718);
    const y = Array.from(digits.y.dataSync());
    // class counts from numpy's bincount over the label column
    expect(Array.from({ length: 10 }, (_, d) => y.filter((l) => l === d).length)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(digits.featureNames[9]).toBe('pixel_1_1');
    expect(digits.classNames[7]).toBe('7');
  });

  it('gives images [N, 1, 8, 8] on request', () => {
    const { x } = loadDigits({ images: true, dtype: 'float64' });
    expect(x.shape).toEqual([1797, 1, 8, 8]);
    expect(x.dtype).toBe('float64');
  });
});
