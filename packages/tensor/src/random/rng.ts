/** Plain-data snapshot of an {@link Rng}; survives `JSON.stringify` / `JSON.parse` exactly. */
export interface RngState {
  /** Names the generator, so that a state from another algorithm is refused. */
  readonly algorithm: 'xoshiro128**';
  /** The four 32-bit state words, as unsigned integers; never all zero. */
  readonly s: readonly [number, number, number, number];
  /** The standard-normal deviate cached by the last polar pair, or `null` when none is waiting. */
  readonly spare: number | null;
}

/** A seeded generator. Every method advances one shared stream; nothing allocates per draw. */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits (two 32-bit draws): every multiple of 2⁻⁵³ below 1 equally likely. */
  uniform(): number;
  /** lo + (hi − lo)·u with u = `uniform()`: uniform on [lo, hi) (rounding can give hi itself when |lo| ≫ hi − lo). */
  uniformRange(lo: number, hi: number): number;
  /** mean + std·z, z ~ N(0, 1) by Marsaglia's polar method; each pair's second deviate is cached for the next call. */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in [0, maxExclusive), without modulo bias; `maxExclusive` is an integer in [1, 2³²]. */
  int(maxExclusive: number): number;
  /** true with probability p ∈ [0, 1]. */
  bernoulli(p: number): boolean;
  /** Fisher–Yates shuffle of any array or typed array, in place; returns `array`. */
  shuffle<T extends { [index: number]: unknown; readonly length: number }>(array: T): T;
  /** A uniformly random ordering of 0 … n − 1. */
  permutation(n: number): Int32Array;
  /**
   * Fills `out` with uniform values on [lo, hi) and returns it. A Float64Array gets exactly the values of
   * `uniformRange(lo, hi)` called in turn; a Float32Array gets one 24-bit draw per element, so that
   * with the default [0, 1) no value rounds up to 1.
   */
  fillUniform<T extends Float32Array | Float64Array>(out: T, lo?: number, hi?: number): T;
  /** Fills `out` with N(mean, std²) values and returns it: the same values as `normal(mean, std)` called in turn. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean?: number, std?: number): T;
  /** A new generator seeded from two draws of this one (which it advances); safe to split again, to any depth. */
  split(): Rng;
  /** A snapshot of the stream, including the cached normal deviate. */
  getState(): RngState;
  /** Continues from `state` (from `getState()`, possibly after a JSON round trip). */
  setState(state: RngState): void;
}

const ALGORITHM = 'xoshiro128**';
const GOLDEN = 0x9e3779b9; // 2³² / φ, the splitmix increment
const TWO_32 = 4294967296;
const TWO_NEG_31 = 2 ** -31;
const TWO_NEG_32 = 2 ** -32;
const TWO_NEG_24 = 2 ** -24;
const TWO_NEG_53 = 2 ** -53;

/**
 * A reproducible generator: the same seed gives the same stream on every platform.
 *
 * Generator: xoshiro128** 1.1 in 32-bit integer arithmetic (`Math.imul`, `>>>`); period 2¹²⁸ − 1.
 *
 * Seeding, in full so that it can be reproduced elsewhere:
 * 1. A number seed must be a safe integer; it is read as a 64-bit two's-complement integer (lo, hi).
 *    A string seed is first hashed to a 53-bit integer by cyrb53 over its UTF-16 code units, so
 *    `createRng(str)` is `createRng(cyrb53(str))`.
 * 2. Two Feistel rounds mix the halves into each other: hi ^= fmix32(lo ^ 0x6a09e667), then
 *    lo ^= fmix32(hi ^ 0xbb67ae85). fmix32 is MurmurHash3's finalizer; a Feistel network is a bijection,
 *    so distinct seeds give distinct states.
 * 3. splitmix32 (Weyl step 0x9e3779b9, then fmix32) run from lo and from hi fills the state:
 *    s = [fmix32(lo + γ), fmix32(hi + γ), fmix32(lo + 2γ), fmix32(hi + 2γ)]. Never all zero: fmix32 is a
 *    bijection fixing only 0, and lo + γ and lo + 2γ are never both 0.
 *
 * @see D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021
 *   (arXiv:1805.01407, 2018); reference C at https://prng.di.unimi.it/xoshiro128starstar.c
 * @see G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014
 * @see D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019 (`int`, `shuffle`)
 * @see G. Marsaglia, T. A. Bray, "A convenient method for generating normal variables", SIAM Review 6(3), 1964
 * @see cyrb53 (public domain): https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js
 */
export function createRng(seed: number | string = 0): Rng {
  if (typeof seed === 'string') {
    const [h1, h2] = cyrb53(seed);
    return fromKey(h1, h2 & 0x1fffff);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: seed must be a safe integer or a string, got ${String(seed)}`);
  }
  return fromKey(seed >>> 0, Math.floor(seed / TWO_32) >>> 0);
}

/** The generator for the 64-bit key (lo, hi), seeded as steps 2–3 of {@link createRng} describe. */
function fromKey(lo: number, hi: number): Rng {
  hi = (hi ^ fmix32(lo ^ 0x6a09e667)) >>> 0;
  lo = (lo ^ fmix32(hi ^ 0xbb67ae85)) >>> 0;
  // Int32 bit patterns from here on: the arithmetic below stays in 32-bit integers.
  let s0 = fmix32(lo + GOLDEN) | 0;
  let s1 = fmix32(hi + GOLDEN) | 0;
  let s2 = fmix32(lo + 2 * GOLDEN) | 0;
  let s3 = fmix32(hi + 2 * GOLDEN) | 0;
  let spare = 0;
  let hasSpare = false;

  /** One xoshiro128** step: the next 32-bit output, as an unsigned integer. */
  function next(): number {
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  function uniform(): number {
    // (27 high bits · 2²⁶ + 26 high bits) / 2⁵³, as genrand_res53 in Matsumoto & Nishimura's MT19937.
    return ((next() >>> 5) * 67108864 + (next() >>> 6)) * TWO_NEG_53;
  }

  /** Uniform integer in [0, bound) for an integer bound in [1, 2³²]: Lemire's multiply-and-reject. */
  function below(bound: number): number {
    // The answer is the high word of the 64-bit product x·bound. Draws whose low word falls below
    // 2³² mod bound are rejected, which leaves every answer exactly ⌊2³²/bound⌋ draws.
    let x = next();
    let low = Math.imul(x, bound) >>> 0;
    if (low < bound) {
      const threshold = TWO_32 % bound;
      while (low < threshold) {
        x = next();
        low = Math.imul(x, bound) >>> 0;
      }
    }
    // NOTE: x·bound (< 2⁶⁴) is off by at most 2¹⁰ in a double, and subtracting low costs another 2¹⁰;
    // both are far below 2³¹, so rounding recovers the exact high word.
    return Math.round((x * bound - low) * TWO_NEG_32);
  }

  /** One polar pair: returns the first standard-normal deviate and caches the second. */
  function polar(): number {
    let v1: number;
    let v2: number;
    let r2: number;
    do {
      v1 = (next() | 0) * TWO_NEG_31; // uniform on [−1, 1); −1 is rejected below with r2 ≥ 1
      v2 = (next() | 0) * TWO_NEG_31;
      r2 = v1 * v1 + v2 * v2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    spare = v2 * f;
    hasSpare = true;
    return v1 * f;
  }

  function normal(mean = 0, std = 1): number {
    if (hasSpare) {
      hasSpare = false;
      return mean + std * spare;
    }
    return mean + std * polar();
  }

  function shuffle<T extends { [index: number]: unknown; readonly length: number }>(array: T): T {
    // Durstenfeld's Fisher–Yates: position i takes a uniform pick among the i + 1 not yet placed.
    const a = array as { [index: number]: unknown };
    for (let i = array.length - 1; i > 0; i--) {
      const j = below(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return array;
  }

  const rng: Rng = {
    uniform,

    uniformRange: (lo, hi) => lo + (hi - lo) * uniform(),

    normal,

    int(maxExclusive) {
      if (!(Number.isInteger(maxExclusive) && maxExclusive >= 1 && maxExclusive <= TWO_32)) {
        throw new RangeError(`rng.int: maxExclusive must be an integer in [1, 2^32], got ${String(maxExclusive)}`);
      }
      return below(maxExclusive);
    },

    bernoulli(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`rng.bernoulli: p must be in [0, 1], got ${String(p)}`);
      return uniform() < p;
    },

    shuffle,

    permutation(n) {
      if (!(Number.isInteger(n) && n >= 0 && n <= 0x7fffffff)) {
        throw new RangeError(`rng.permutation: n must be an integer in [0, 2^31 - 1], got ${String(n)}`);
      }
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = i;
      return shuffle(out);
    },

    fillUniform(out, lo = 0, hi = 1) {
      const n = out.length;
      const width = hi - lo;
      if (out.BYTES_PER_ELEMENT === 4) {
        // NOTE: a 32- or 53-bit u just below 1 would round to 1 in float32; 24 bits fit its mantissa.
        for (let i = 0; i < n; i++) out[i] = lo + width * ((next() >>> 8) * TWO_NEG_24);
      } else {
        for (let i = 0; i < n; i++) out[i] = lo + width * uniform();
      }
      return out;
    },

    fillNormal(out, mean = 0, std = 1) {
      const n = out.length;
      let i = 0;
      if (hasSpare && n > 0) {
        out[i++] = mean + std * spare;
        hasSpare = false;
      }
      for (; i + 1 < n; i += 2) {
        out[i] = mean + std * polar();
        out[i + 1] = mean + std * spare;
        hasSpare = false;
      }
      if (i < n) out[i] = mean + std * polar(); // its partner stays cached, as after normal()
      return out;
    },

    // NOTE: not xoshiro's jump(): jumps commute, so a tree of jump-splits repeats streams —
    // `a = r.split(); a.split(); b = r.split()` would leave a and b both 2⁶⁴ steps past r's start.
    // Reseeding lands each child at an unrelated point of the 2¹²⁸ − 1 cycle instead.
    split: () => fromKey(next(), next()),

    getState: () => ({
      algorithm: ALGORITHM,
      s: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0],
      spare: hasSpare ? spare : null,
    }),

    setState(state) {
      if (state?.algorithm !== ALGORITHM) {
        throw new TypeError(`rng.setState: expected algorithm '${ALGORITHM}', got ${String(state?.algorithm)}`);
      }
      const { s, spare: cached } = state;
      if (!Array.isArray(s) || s.length !== 4 || !s.every(isUint32) || s.every((w) => w === 0)) {
        throw new RangeError('rng.setState: s must be four unsigned 32-bit integers, not all zero');
      }
      if (cached !== null && !Number.isFinite(cached)) {
        throw new RangeError(`rng.setState: spare must be a finite number or null, got ${String(cached)}`);
      }
      s0 = s[0] | 0;
      s1 = s[1] | 0;
      s2 = s[2] | 0;
      s3 = s[3] | 0;
      hasSpare = cached !== null;
      spare = cached ?? 0;
    },
  };
  return rng;
}

/** MurmurHash3's 32-bit finalizer (Appleby): a bijection on 32-bit integers with full avalanche; unsigned result. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** cyrb53's two 32-bit halves [h1, h2] (unsigned); the 53-bit hash is (h2 & 0x1fffff)·2³² + h1. */
function cyrb53(str: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

function isUint32(w: unknown): boolean {
  return typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < TWO_32;
}
