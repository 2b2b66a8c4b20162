import { describe, expect, it } from 'vitest';
import { float32, patternOf } from './float32-bits';
import { sigmoidForFloat32 } from './sigmoid-float32';

/** The CPU kernel's float64 σ: two branches, so that e never overflows. */
const sigmoid64 = (v: number): number => {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
};

describe('sigmoidForFloat32', () => {
  it('rounds to the same float32 as the float64 kernel on a sweep of a million float32 values from −105 to 105', () => {
    const first: string[] = [];
    for (const sign of [1, -1]) {
      for (let b = 0, last = patternOf(105); b <= last; b += 4001) {
        const v = sign * float32(b);
        const want = Math.fround(sigmoid64(v));
        const got = Math.fround(sigmoidForFloat32(v));
        if (!Object.is(got, want) && first.length < 5) first.push(`σ(${v}): ${got}, float64 ${want}`);
      }
    }
    expect(first).toEqual([]);
  });

  it('agrees where float32 σ reaches 1, where it underflows to subnormals and 0, and around 0', () => {
    for (const centre of [17.3287, -87.33655, -103.27893, -103.97208, 2 ** -20, -(2 ** -20)]) {
      const at = patternOf(Math.abs(centre));
      for (let b = at - 3000; b <= at + 3000; b++) {
        const v = Math.sign(centre) * float32(b);
        expect(Math.fround(sigmoidForFloat32(v)), `σ(${v})`).toBe(Math.fround(sigmoid64(v)));
      }
    }
  });

  it('keeps NaN, gives what rounds to 1 and 0 in float32 at the ends, and ½ at ±0', () => {
    expect(sigmoidForFloat32(NaN)).toBeNaN();
    expect([sigmoidForFloat32(Infinity), sigmoidForFloat32(-Infinity), sigmoidForFloat32(200), sigmoidForFloat32(-200)].map(Math.fround)).toEqual([1, 0, 1, 0]);
    expect([sigmoidForFloat32(0), sigmoidForFloat32(-0)]).toEqual([0.5, 0.5]);
  });
});
