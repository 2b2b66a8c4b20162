import { describe, expect, it } from 'vitest';
import type { Rng, RngState } from './rng';
import { createRng } from './rng';

const N = 100_000;

/** The next k raw 32-bit outputs: int(2³²) takes one draw and returns it unchanged. */
function raw(rng: Rng, k: number): number[] {
  return Array.from({ length: k }, () => rng.int(2 ** 32));
}

/** A generator positioned at the given xoshiro128** state. */
function atState(s: [number, number, number, number]): Rng {
  const rng = createRng();
  rng.setState({ algorithm: 'xoshiro128**', s, spare: null });
  return rng;
}

function moments(xs: ArrayLike<number>): { mean: number; variance: number; skewness: number; kurtosis: number } {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

/** Pearson's χ² of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[]): number {
  const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
}

describe('createRng', () => {
  it('gives two generators with the same number seed the same stream', () => {
    const a = createRng(1234);
    const b = createRng(1234);
    expect(raw(a, 50)).toEqual(raw(b, 50));
    expect(a.normal()).toBe(b.normal());
    expect(a.uniform()).toBe(b.uniform());
  });

  it('gives two generators with the same string seed the same stream', () => {
    expect(raw(createRng('experiment-7'), 50)).toEqual(raw(createRng('experiment-7'), 50));
  });

  it('gives different seeds different streams', () => {
    const seeds = [0, 1, 2, -1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, -(2 ** 53 - 1), '', 'a', 'b', 'A'];
    const firsts = seeds.map((seed) => raw(createRng(seed), 4).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('uses seed 0 by default', () => {
    expect(raw(createRng(), 10)).toEqual(raw(createRng(0), 10));
  });

  it('follows its documented seeding exactly', () => {
    // Derived by a separate C port of the documented seeding (cyrb53 → two Feistel rounds of fmix32 →
    // splitmix32 from each half) driving the authors' xoshiro128starstar.c next(), built with cc -O2.
    expect(createRng(0).getState().s).toEqual([163161377, 394121128, 2518853490, 540081254]);
    expect(raw(createRng(0), 6)).toEqual([2394965514, 1226478214, 4023434741, 805697691, 4111859912, 943665066]);
    expect(raw(createRng(42), 6)).toEqual([3382581398, 3955840036, 2229306194, 1832479991, 3890916897, 3259005210]);
    expect(raw(createRng(-1), 6)).toEqual([1635100287, 3555929677, 1552545652, 1328574631, 2519233523, 2806975825]);
    expect(raw(createRng(2 ** 53 - 1), 6)).toEqual([631522739, 1722948401, 2347236106, 364229082, 726060514, 1565967972]);
    expect(raw(createRng('abc'), 6)).toEqual([3126263967, 85580908, 2269142209, 3707050088, 658175061, 1300719229]);
  });

  it('seeds a string as the integer that cyrb53 hashes it to', () => {
    // cyrb53('revenge') and cyrb53('a') as published in bryc's cyrb53 README, and cyrb53('abc') from the C port.
    expect(raw(createRng('revenge'), 8)).toEqual(raw(createRng(4051478007546757), 8));
    expect(raw(createRng('a'), 8)).toEqual(raw(createRng(7929297801672961), 8));
    expect(raw(createRng('abc'), 8)).toEqual(raw(createRng(5059922895146125), 8));
  });

  it('treats -0 as 0', () => {
    expect(raw(createRng(-0), 4)).toEqual(raw(createRng(0), 4));
  });

  it('refuses a seed that is not a safe integer or a string', () => {
    for (const seed of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)]) {
      expect(() => createRng(seed)).toThrow(RangeError);
    }
    expect(() => createRng(0.5)).toThrow(/createRng/);
  });
});

describe('xoshiro128** (the generator inside Rng)', () => {
  it('reproduces the reference C output from state {1, 2, 3, 4}', () => {
    // From https://prng.di.unimi.it/xoshiro128starstar.c (version 1.1) compiled with cc and run from
    // s = {1, 2, 3, 4}. By hand, the first two: rotl(2·5, 7)·9 = 1280·9 = 11520; then s[1] = 2 ^ (3 ^ 1) = 0,
    // and rotl(0·5, 7)·9 = 0.
    expect(raw(atState([1, 2, 3, 4]), 8)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ]);
  });
});

describe('Rng.uniform', () => {
  it('builds 53 bits from two draws, high bits first', () => {
    // Draws 11520 and 0 (above): ((11520 >>> 5)·2²⁶ + (0 >>> 6))·2⁻⁵³ = 360·2⁻²⁷.
    expect(atState([1, 2, 3, 4]).uniform()).toBe(360 * 2 ** -27);
  });

  it('stays in [0, 1) on a 2⁻⁵³ grid', () => {
    const rng = createRng(1);
    let off = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1 && Number.isInteger(u * 2 ** 53))) off++;
    }
    expect(off).toBe(0);
  });

  it('has mean 1/2 and variance 1/12', () => {
    const rng = createRng(2);
    const xs = Float64Array.from({ length: N }, () => rng.uniform());
    const { mean, variance } = moments(xs);
    // Standard errors at n = 1e5: mean √(1/12/n) ≈ 9.1e-4; variance √((1/80 − 1/144)/n) ≈ 2.4e-4. Bounds ≈ 5 SE.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4.6e-3);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(1.2e-3);
  });
});

describe('Rng.uniformRange', () => {
  it('stays in [lo, hi) with mean (lo + hi) / 2', () => {
    const rng = createRng(3);
    const xs = Float64Array.from({ length: N }, () => rng.uniformRange(-2, 6));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThan(6);
    // SE of the mean: 8·√(1/12/n) ≈ 7.3e-3.
    expect(Math.abs(moments(xs).mean - 2)).toBeLessThan(0.037);
  });
});

describe('Rng.normal', () => {
  it('has mean 0, std 1, no skew and kurtosis 3', () => {
    const rng = createRng(4);
    const xs = Float64Array.from({ length: N }, () => rng.normal());
    const { mean, variance, skewness, kurtosis } = moments(xs);
    // Standard errors at n = 1e5: mean 1/√n ≈ 3.2e-3; std 1/√(2n) ≈ 2.2e-3; skewness √(6/n) ≈ 7.7e-3;
    // kurtosis √(24/n) ≈ 1.5e-2. Bounds ≈ 5 SE.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.011);
    expect(Math.abs(skewness)).toBeLessThan(0.039);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.078);
  });

  it('puts about 68.3% of draws within one std and 95.4% within two', () => {
    const rng = createRng(5);
    let one = 0;
    let two = 0;
    for (let i = 0; i < N; i++) {
      const z = Math.abs(rng.normal());
      if (z < 1) one++;
      if (z < 2) two++;
    }
    // SE: √(p(1 − p)/n) ≈ 1.5e-3 and 6.6e-4.
    expect(Math.abs(one / N - 0.682689)).toBeLessThan(7.4e-3);
    expect(Math.abs(two / N - 0.9545)).toBeLessThan(3.3e-3);
  });

  it('scales by mean and std', () => {
    const rng = createRng(6);
    const xs = Float64Array.from({ length: N }, () => rng.normal(3, 2));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 3)).toBeLessThan(0.032);
    expect(Math.abs(Math.sqrt(variance) - 2)).toBeLessThan(0.022);
  });

  it('caches the second deviate of each pair', () => {
    const rng = createRng(7);
    expect(rng.getState().spare).toBeNull();
    rng.normal();
    const cached = rng.getState().spare;
    expect(cached).toEqual(expect.any(Number));
    const s = rng.getState().s;
    expect(rng.normal(10, 3)).toBe(10 + 3 * (cached as number));
    expect(rng.getState().s).toEqual(s); // the cached deviate took no draw
    expect(rng.getState().spare).toBeNull();
  });
});

describe('Rng.int', () => {
  it('is uniform over a small range (χ² test)', () => {
    const rng = createRng(8);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) counts[rng.int(10)]++;
    // χ² with 9 degrees of freedom (mean 9): P(χ² > 45) ≈ 1e-6, the tail mass of ±5 standard errors.
    expect(chiSquare(counts)).toBeLessThan(45);
  });

  it('has no modulo bias for a bound that does not divide 2³²', () => {
    // With plain x % 3·2³⁰ the lowest third would come up twice as often as each other third.
    const rng = createRng(9);
    const bound = 3 * 2 ** 30;
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[Math.floor(rng.int(bound) / 2 ** 30)]++;
    // χ² with 2 degrees of freedom: P(χ² > 28) = e⁻¹⁴ ≈ 1e-6; the biased version would give ≈ 12 500.
    expect(chiSquare(counts)).toBeLessThan(28);
  });

  it('returns the high word of draw × bound, as 64-bit integer math does', () => {
    const rng = createRng(10);
    const twin = createRng(10);
    for (const bound of [1, 2, 3, 7, 1000, 2 ** 31 - 1, 2 ** 31 + 1, 4294967291, 2 ** 32 - 1, 2 ** 32]) {
      for (let i = 0; i < 200; i++) {
        const got = rng.int(bound);
        // Lemire's method in BigInt: reject while the low word is below 2³² mod bound.
        const threshold = 2n ** 32n % BigInt(bound);
        let product: bigint;
        do product = BigInt(twin.int(2 ** 32)) * BigInt(bound);
        while ((product & 0xffffffffn) < threshold);
        expect(got).toBe(Number(product >> 32n));
      }
    }
  });

  it('returns 0 for maxExclusive 1', () => {
    const rng = createRng(11);
    for (let i = 0; i < 100; i++) expect(rng.int(1)).toBe(0);
  });

  it('throws a RangeError naming rng.int when maxExclusive is not an integer in [1, 2³²]', () => {
    const rng = createRng(12);
    for (const bad of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => rng.int(bad)).toThrow(RangeError);
      expect(() => rng.int(bad)).toThrow(/rng\.int/);
    }
  });
});

describe('Rng.bernoulli', () => {
  it('comes up true with frequency p', () => {
    const rng = createRng(13);
    let hits = 0;
    for (let i = 0; i < N; i++) if (rng.bernoulli(0.3)) hits++;
    // SE √(0.3·0.7/n) ≈ 1.45e-3.
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(7.3e-3);
  });

  it('never comes up true for p = 0 and always for p = 1', () => {
    const rng = createRng(14);
    for (let i = 0; i < 1000; i++) {
      expect(rng.bernoulli(0)).toBe(false);
      expect(rng.bernoulli(1)).toBe(true);
    }
  });

  it('throws a RangeError naming rng.bernoulli when p is outside [0, 1]', () => {
    const rng = createRng(15);
    for (const bad of [-0.1, 1.1, Number.NaN]) expect(() => rng.bernoulli(bad)).toThrow(/rng\.bernoulli/);
    expect(() => rng.bernoulli(2)).toThrow(RangeError);
  });
});

describe('Rng.shuffle', () => {
  it('permutes a plain array in place and returns it', () => {
    const rng = createRng(16);
    const xs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const out = rng.shuffle(xs);
    expect(out).toBe(xs);
    expect([...xs].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('permutes typed arrays', () => {
    const rng = createRng(17);
    const xs = Float32Array.from({ length: 100 }, (_, i) => i);
    rng.shuffle(xs);
    expect(Array.from(xs).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(xs)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('leaves empty and one-element arrays alone', () => {
    const rng = createRng(18);
    expect(rng.shuffle([])).toEqual([]);
    expect(rng.shuffle([42])).toEqual([42]);
  });

  it('produces all 24 orders of four items equally often (χ² test)', () => {
    const rng = createRng(19);
    const counts = new Map<string, number>();
    for (let i = 0; i < 24_000; i++) {
      const key = rng.shuffle([0, 1, 2, 3]).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    // χ² with 23 degrees of freedom (mean 23): P(χ² > 70) ≈ 1e-6.
    expect(chiSquare([...counts.values()])).toBeLessThan(70);
  });

  it('can move every item to every position', () => {
    const rng = createRng(20);
    const n = 7;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let t = 0; t < 7000; t++) {
      const xs = rng.shuffle([0, 1, 2, 3, 4, 5, 6]);
      xs.forEach((item, position) => counts[item][position]++);
    }
    // Each cell ~ Binomial(7000, 1/7): mean 1000, sd ≈ 29.
    for (const row of counts) for (const c of row) expect(Math.abs(c - 1000)).toBeLessThan(147);
  });
});

describe('Rng.permutation', () => {
  it('returns an Int32Array holding 0 … n − 1 once each', () => {
    const p = createRng(21).permutation(1000);
    expect(p).toBeInstanceOf(Int32Array);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('is the identity shuffled with the same stream', () => {
    const p = createRng(22).permutation(50);
    const q = createRng(22).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
    expect(p).toEqual(q);
  });

  it('returns an empty array for n = 0 and rejects a bad n', () => {
    const rng = createRng(23);
    expect(rng.permutation(0)).toHaveLength(0);
    for (const bad of [-1, 2.5, Number.NaN]) expect(() => rng.permutation(bad)).toThrow(/rng\.permutation/);
  });
});

describe('Rng.fillUniform', () => {
  it('fills a Float64Array with the values uniformRange gives, and returns it', () => {
    const out = new Float64Array(101);
    expect(createRng(24).fillUniform(out, -1, 3)).toBe(out);
    const rng = createRng(24);
    expect(Array.from(out)).toEqual(Array.from({ length: 101 }, () => rng.uniformRange(-1, 3)));
  });

  it('fills a Float32Array on the 2⁻²⁴ grid of [0, 1), with mean 1/2', () => {
    const out = createRng(25).fillUniform(new Float32Array(N));
    expect(out.filter((u) => !(u >= 0 && u < 1 && Number.isInteger(u * 2 ** 24)))).toHaveLength(0);
    expect(Math.abs(moments(out).mean - 0.5)).toBeLessThan(4.6e-3);
  });

  it('respects lo and hi', () => {
    const out = createRng(26).fillUniform(new Float32Array(10_000), 5, 7);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...out)).toBeLessThan(7);
  });
});

describe('Rng.fillNormal', () => {
  it('fills with the values normal() gives in turn, across pairs and the cached deviate', () => {
    for (const [n, preDraws] of [[10, 0], [7, 0], [10, 1], [7, 1], [1, 0], [0, 1]] as const) {
      const a = createRng(27);
      const b = createRng(27);
      for (let i = 0; i < preDraws; i++) expect(a.normal()).toBe(b.normal());
      const filled = a.fillNormal(new Float64Array(n), 1, 0.5);
      expect(Array.from(filled)).toEqual(Array.from({ length: n }, () => b.normal(1, 0.5)));
      expect(a.getState()).toEqual(b.getState());
    }
  });

  it('rounds the same values into a Float32Array', () => {
    const out = createRng(28).fillNormal(new Float32Array(9));
    const rng = createRng(28);
    expect(Array.from(out)).toEqual(Array.from({ length: 9 }, () => Math.fround(rng.normal())));
  });

  it('has the requested mean and std', () => {
    const { mean, variance } = moments(createRng(29).fillNormal(new Float32Array(N), -1, 0.1));
    expect(Math.abs(mean + 1)).toBeLessThan(1.6e-3);
    expect(Math.abs(Math.sqrt(variance) - 0.1)).toBeLessThan(1.1e-3);
  });
});

describe('Rng.split', () => {
  it('returns a child whose stream differs from the parent’s', () => {
    const parent = createRng(30);
    const child = parent.split();
    const p = raw(parent, 100);
    const c = raw(child, 100);
    expect(c).not.toEqual(p);
    expect(c.filter((x) => p.includes(x))).toHaveLength(0);
  });

  it('advances the parent', () => {
    const parent = createRng(31);
    const twin = createRng(31);
    parent.split();
    expect(raw(parent, 10)).not.toEqual(raw(twin, 10));
  });

  it('is deterministic', () => {
    expect(raw(createRng(32).split(), 10)).toEqual(raw(createRng(32).split(), 10));
  });

  it('keeps every stream of a split tree distinct', () => {
    // The tree on which jump()-based splitting repeats a stream: a, then a's child, then b.
    const root = createRng(33);
    const a = root.split();
    const aa = a.split();
    const b = root.split();
    const bb = b.split();
    const streams = [root, a, aa, b, bb].map((rng) => raw(rng, 8).join(','));
    expect(new Set(streams).size).toBe(5);
  });
});

describe('Rng.getState and Rng.setState', () => {
  it('round-trips through JSON and continues the same sequence, cached deviate included', () => {
    const rng = createRng('checkpoint');
    raw(rng, 5);
    rng.normal(); // leaves a deviate cached
    const state: RngState = JSON.parse(JSON.stringify(rng.getState()));
    expect(state.spare).not.toBeNull();
    const restored = createRng(999);
    restored.setState(state);
    expect(restored.getState()).toEqual(rng.getState());
    expect(restored.normal()).toBe(rng.normal());
    expect(restored.normal()).toBe(rng.normal());
    expect(restored.uniform()).toBe(rng.uniform());
    expect(raw(restored, 20)).toEqual(raw(rng, 20));
  });

  it('returns a snapshot that later draws do not change', () => {
    const rng = createRng(34);
    const state = rng.getState();
    const copy = JSON.parse(JSON.stringify(state));
    raw(rng, 3);
    rng.normal();
    expect(state).toEqual(copy);
  });

  it('refuses a state that no xoshiro128** generator can have', () => {
    const rng = createRng(35);
    const good = rng.getState();
    const bad: unknown[] = [
      { ...good, algorithm: 'mt19937' },
      { ...good, s: [0, 0, 0, 0] },
      { ...good, s: [1, 2, 3] },
      { ...good, s: [1, 2, 3, 2 ** 32] },
      { ...good, s: [1, 2, 3, -1] },
      { ...good, s: [1, 2, 3, 0.5] },
      { ...good, spare: Number.NaN },
    ];
    for (const state of bad) expect(() => rng.setState(state as RngState)).toThrow(/rng\.setState/);
    expect(rng.getState()).toEqual(good);
  });
});
