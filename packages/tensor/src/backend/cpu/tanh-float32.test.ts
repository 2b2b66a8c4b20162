import { describe, expect, it } from 'vitest';
import { float32, patternOf } from './float32-bits';
import { tanhForFloat32 } from './tanh-float32';

describe('tanhForFloat32', () => {
  it('rounds to the same float32 as Math.tanh on a sweep of a million float32 values, both signs, 0 to past 9.1', () => {
    let differ = 0;
    const first: string[] = [];
    // every 2,203rd bit pattern from +0 up to 9.2 (0x41133333): subnormals, the Taylor range, both sides of each cut
    for (let b = 0; b <= 0x41133333; b += 2203) {
      for (const x of [float32(b), -float32(b)]) {
        const want = Math.fround(Math.tanh(x));
        const got = Math.fround(tanhForFloat32(x));
        if (!Object.is(got, want)) {
          differ++;
          if (first.length < 5) first.push(`tanh(${x}): ${got}, Math.tanh ${want}`);
        }
      }
    }
    expect(first).toEqual([]);
    expect(differ).toBe(0);
  });

  it('agrees around the cuts between its three ranges (1/8, 9.1) and where float32 tanh reaches 1', () => {
    for (const centre of [0.125, 9.1, 9.0109, 2 ** -12]) {
      const at = patternOf(centre);
      for (let b = at - 2000; b <= at + 2000; b++) {
        for (const x of [float32(b), -float32(b)]) expect(Math.fround(tanhForFloat32(x)), `tanh(${x})`).toBe(Math.fround(Math.tanh(x)));
      }
    }
  });

  it('keeps NaN, −0 and subnormals, and gives ±1 for ±∞ and large values', () => {
    expect(tanhForFloat32(NaN)).toBeNaN();
    expect(Object.is(tanhForFloat32(-0), -0)).toBe(true);
    expect(Object.is(tanhForFloat32(0), 0)).toBe(true);
    expect(tanhForFloat32(float32(1))).toBe(float32(1)); // the smallest subnormal
    expect(tanhForFloat32(-float32(1))).toBe(-float32(1));
    expect([tanhForFloat32(Infinity), tanhForFloat32(-Infinity), tanhForFloat32(100), tanhForFloat32(-3e38)]).toEqual([1, -1, 1, -1]);
  });
});
