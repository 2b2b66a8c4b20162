import { describe, expect, it } from 'vitest';
import { drawStreamKey, fillKeyedMask, fillKeyedNormal, keyedBits, maskThreshold } from './keyed-stream';
import { createRng } from './rng';
import { ValueError } from '../errors';

/** MurmurHash3's fmix32, written out again from Appleby's C (the reference for keyedBits). */
function fmix32Reference(h: number): number {
  h = (h ^ (h >>> 16)) >>> 0;
  h = Number((BigInt(h) * 0x85ebca6bn) & 0xffffffffn);
  h = (h ^ (h >>> 13)) >>> 0;
  h = Number((BigInt(h) * 0xc2b2ae35n) & 0xffffffffn);
  return (h ^ (h >>> 16)) >>> 0;
}

describe('keyedBits', () => {
  it('is fmix32(fmix32(k0 + i·0x9e3779b9 mod 2³²) ^ k1), computed here in BigInt arithmetic', () => {
    for (const [k0, k1] of [[0, 0], [1, 2], [0xffffffff, 0x80000000], [123456789, 987654321]]) {
      for (const i of [0, 1, 2, 7, 1000, 2 ** 31 - 1]) {
        const w = Number((BigInt(k0) + BigInt(i) * 0x9e3779b9n) & 0xffffffffn);
        expect(keyedBits(k0, k1, i)).toBe(fmix32Reference((fmix32Reference(w) ^ k1) >>> 0));
      }
    }
  });

  it('gives unsigned 32-bit words whose bits are each set half the time, and keys that give unrelated streams', () => {
    const n = 1 << 14;
    const ones = new Array<number>(32).fill(0);
    let agree = 0;
    for (let i = 0; i < n; i++) {
      const b = keyedBits(5, 6, i);
      expect(b >>> 0).toBe(b);
      for (let j = 0; j < 32; j++) ones[j] += (b >>> j) & 1;
      // neighbouring keys: a bit of the two streams agrees half the time
      agree += 32 - popcount(b ^ keyedBits(5, 7, i));
    }
    // each count is Binomial(16384, ½): sd 64, so ±6 sd is ±384
    for (const c of ones) expect(Math.abs(c - n / 2)).toBeLessThan(384);
    expect(Math.abs(agree - 16 * n)).toBeLessThan(6 * Math.sqrt(8 * n));
  });
});

function popcount(x: number): number {
  let c = 0;
  for (; x !== 0; x &= x - 1) c++;
  return c;
}

describe('drawStreamKey', () => {
  it('draws two 32-bit words from the generator, so the same seed gives the same key', () => {
    const [a, b] = [createRng(3), createRng(3)];
    const key = drawStreamKey(a);
    expect(key).toEqual(drawStreamKey(b));
    expect(key.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)).toBe(true);
    expect(drawStreamKey(a)).not.toEqual(key);
  });
});

describe('fillKeyedMask', () => {
  it('keeps a unit where its 24-bit draw is at or above ⌈p·2²⁴⌉, with the scale, in either float type', () => {
    const key = [11, 22] as const;
    const p = 0.3;
    const m32 = fillKeyedMask(new Float32Array(50), key, p, 2.5);
    const m64 = fillKeyedMask(new Float64Array(50), key, p, 1 / 0.7);
    for (let i = 0; i < 50; i++) {
      const kept = keyedBits(11, 22, i) >>> 8 >= Math.ceil(p * 2 ** 24);
      expect(m32[i]).toBe(kept ? 2.5 : 0);
      expect(m64[i]).toBe(kept ? 1 / 0.7 : 0);
    }
    expect(maskThreshold(0)).toBe(0);
    expect(maskThreshold(0.5)).toBe(2 ** 23);
  });

  it.each([0.1, 0.5, 0.8])('keeps a fraction 1 − p of the units (p = %s)', (p) => {
    const n = 200_000;
    const m = fillKeyedMask(new Float32Array(n), [7, 9], p, 1);
    const kept = m.reduce((a, x) => a + x, 0);
    // Binomial(n, 1 − p): within 6 standard deviations
    expect(Math.abs(kept - n * (1 - p))).toBeLessThan(6 * Math.sqrt(n * p * (1 - p)));
  });
});

describe('fillKeyedNormal', () => {
  it('is Box–Muller over the stream: within 2e-6 of r·cos 2πu₂ and r·sin 2πu₂ in double precision', () => {
    const key = [1234, 5678] as const;
    const n = 4003; // not a multiple of the block of eight
    const z = fillKeyedNormal(new Float32Array(n), key, 0, 1);
    for (let i = 0; i < n; i++) {
      const block = i - (i % 8);
      const lane = i % 4;
      const u1 = ((keyedBits(1234, 5678, block + lane) >>> 8) + 1) * 2 ** -24;
      const u2 = (keyedBits(1234, 5678, block + 4 + lane) >>> 8) * 2 ** -24;
      const r = Math.sqrt(-2 * Math.log(u1));
      const exact = i % 8 < 4 ? r * Math.cos(2 * Math.PI * u2) : r * Math.sin(2 * Math.PI * u2);
      expect(Math.abs(z[i] - exact)).toBeLessThan(2e-6 * Math.max(1, Math.abs(exact)));
    }
  });

  it('has mean 0, variance 1, no skew and kurtosis 3, and the normal tail mass', () => {
    const n = 200_000;
    const z = fillKeyedNormal(new Float32Array(n), [42, 43], 0, 1);
    let [s1, s2, s3, s4, tail] = [0, 0, 0, 0, 0];
    for (const x of z) {
      s1 += x;
      s2 += x * x;
      s3 += x ** 3;
      s4 += x ** 4;
      if (Math.abs(x) > 2) tail++;
    }
    // standard errors: mean 1/√n = 0.0022, variance √(2/n) = 0.0032, skew √(6/n) = 0.0055, kurtosis √(96/n) = 0.022; 5 of each
    expect(Math.abs(s1 / n)).toBeLessThan(0.011);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.016);
    expect(Math.abs(s3 / n)).toBeLessThan(0.028);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.11);
    // P(|z| > 2) = 0.0455; binomial sd √(n·0.0455·0.9545) ≈ 93
    expect(Math.abs(tail - 0.0455 * n)).toBeLessThan(6 * 93);
  });

  it('adds std·z to x (or to the mean) rounded as float32, without touching x', () => {
    const key = [9, 10] as const;
    const x = new Float32Array([1, -2, 3, 0.5, 7, 8, 9, 10, 11]);
    const before = x.slice();
    const z = fillKeyedNormal(new Float32Array(9), key, 0, 1);
    const y = fillKeyedNormal(new Float32Array(9), key, 0, 0.1, x);
    const shifted = fillKeyedNormal(new Float32Array(9), key, 5, 0.1);
    for (let i = 0; i < 9; i++) {
      expect(y[i]).toBe(Math.fround(x[i] + Math.fround(Math.fround(0.1) * z[i])));
      expect(shifted[i]).toBe(Math.fround(5 + Math.fround(Math.fround(0.1) * z[i])));
    }
    expect(x).toEqual(before);
  });
});

describe('the keyed fills refuse bad arguments', () => {
  it('name the function and the value: a key that is not two 32-bit words, p outside [0, 1], a negative std, x of another length', () => {
    expect(() => fillKeyedMask(new Float32Array(2), [1] as never, 0.5, 2)).toThrow('fillKeyedMask: key must be two unsigned 32-bit integers [k0, k1] (drawStreamKey), got [1]');
    expect(() => fillKeyedMask(new Float32Array(2), [1, 2 ** 32], 0.5, 2)).toThrow(ValueError);
    expect(() => fillKeyedMask(new Float32Array(2), [1, 2], 1.5, 2)).toThrow('fillKeyedMask: p must be in [0, 1], got 1.5');
    expect(() => fillKeyedNormal(new Float32Array(2), [1, 2], 0, -1)).toThrow('fillKeyedNormal: std must be a finite number ≥ 0, got -1');
    expect(() => fillKeyedNormal(new Float32Array(2), [1, 2], 0, 1, new Float32Array(3))).toThrow('fillKeyedNormal: x has 3 elements, out 2');
  });
});
