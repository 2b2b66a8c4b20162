import { describe, expect, it } from 'vitest';
import { float32, patternOf } from './float32-bits';
import { expForFloat32 } from './exp-float32';

describe('expForFloat32', () => {
  it('rounds to the same float32 as Math.exp on a sweep of a million float32 values from −104.5 to 89.5', () => {
    const first: string[] = [];
    for (const [sign, end] of [[1, 89.5], [-1, 104.5]] as const) {
      for (let b = 0, last = patternOf(end); b <= last; b += 4001) {
        const x = sign * float32(b);
        const want = Math.fround(Math.exp(x));
        const got = Math.fround(expForFloat32(x));
        if (!Object.is(got, want) && first.length < 5) first.push(`exp(${x}): ${got}, Math.exp ${want}`);
      }
    }
    expect(first).toEqual([]);
  });

  it('agrees where float32 overflows to ∞, where it underflows to subnormals and 0, and around 0', () => {
    for (const centre of [88.72283, -87.33655, -103.27893, -103.97208, 2 ** -20, -(2 ** -20)]) {
      const at = patternOf(Math.abs(centre));
      for (let b = at - 3000; b <= at + 3000; b++) {
        const x = Math.sign(centre) * float32(b);
        expect(Math.fround(expForFloat32(x)), `exp(${x})`).toBe(Math.fround(Math.exp(x)));
      }
    }
  });

  it('keeps NaN, gives what rounds to ∞ and 0 in float32 at the ends, and 1 at ±0', () => {
    expect(expForFloat32(NaN)).toBeNaN();
    expect([expForFloat32(Infinity), expForFloat32(-Infinity), expForFloat32(1000), expForFloat32(-1000)].map(Math.fround)).toEqual([Infinity, 0, Infinity, 0]);
    expect([expForFloat32(0), expForFloat32(-0)]).toEqual([1, 1]);
  });
});
