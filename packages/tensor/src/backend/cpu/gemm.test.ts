import { describe, expect, it } from 'vitest';
import { gemm } from './gemm';

type FloatArray = Float32Array | Float64Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

/** Deterministic values in [-1, 1) (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), t | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return (((r ^ (r >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  };
}

/** `size` values after `offset` elements of padding; padding is NaN so a stray read shows up. */
function filled(ctor: Ctor, offset: number, size: number, next: () => number): FloatArray {
  const x = new ctor(offset + size + 3).fill(NaN);
  for (let i = 0; i < size; i++) x[offset + i] = next();
  return x;
}

/** The textbook triple loop: want[i][j] = Σ_p op(A)[i][p]·op(B)[p][j] in doubles, and Σ|terms| for the error bound. */
function naive(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, aOff: number, b: FloatArray, bOff: number,
): { want: Float64Array; scale: Float64Array } {
  // op(A)[i][p] = a[aOff + i·ai + p·ap], op(B)[p][j] = b[bOff + p·bp + j·bj]
  const [ai, ap] = transA ? [1, m] : [k, 1];
  const [bp, bj] = transB ? [1, k] : [n, 1];
  const want = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const term = a[aOff + i * ai + p * ap] * b[bOff + p * bp + j * bj];
        sum += term;
        abs += Math.abs(term);
      }
      want[i * n + j] = sum;
      scale[i * n + j] = abs;
    }
  }
  return { want, scale };
}

/** Runs gemm at offsets 3, 5, 7 and returns the C block; checks the elements around it are untouched. */
function run(
  ctor: Ctor, transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, b: FloatArray,
): FloatArray {
  const c = new ctor(7 + m * n + 4).fill(-42);
  gemm(transA, transB, m, n, k, a, 3, b, 5, c, 7);
  expect(Array.from(c.subarray(0, 7))).toEqual(Array(7).fill(-42));
  expect(Array.from(c.subarray(7 + m * n))).toEqual(Array(4).fill(-42));
  return c.subarray(7, 7 + m * n);
}

/** Index of the first element where x and y differ (NaN equals NaN), or -1. */
function firstDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

/** Largest |got − want| / Σ|terms| (the scale of rounding error in a sum of k products). */
function worstError(got: FloatArray, want: Float64Array, scale: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]) / (scale[i] || 1);
    if (Number.isNaN(err)) return NaN;
    if (err > worst) worst = err;
  }
  return worst;
}

const dims = [1, 2, 3, 7, 33, 65, 257];
const shapes = dims.flatMap((m) => dims.flatMap((n) => dims.map((k) => [m, n, k] as const)));
const dtypes = [
  { name: 'float32', ctor: Float32Array, tol: 1e-5 },
  { name: 'float64', ctor: Float64Array, tol: 1e-12 },
] as const;
const transposes = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;
const cases = dtypes.flatMap((d) => transposes.map(([ta, tb]) => ({ ...d, transA: ta, transB: tb })));

describe('gemm', () => {
  it.each(cases)(
    'matches the triple loop on every shape from {1,2,3,7,33,65,257}³ ($name, transA=$transA, transB=$transB)',
    ({ ctor, tol, transA, transB }) => {
      const next = random(7);
      for (const [m, n, k] of shapes) {
        const a = filled(ctor, 3, m * k, next);
        const b = filled(ctor, 5, k * n, next);
        const { want, scale } = naive(transA, transB, m, n, k, a, 3, b, 5);
        const got = run(ctor, transA, transB, m, n, k, a, b);
        const err = worstError(got, want, scale);
        if (!(err <= tol)) expect.fail(`m=${m} n=${n} k=${k}: relative error ${err} > ${tol}`);
      }
    },
  );

  it.each(cases)(
    'is exact on small integers across the blocking edges, leaving A and B alone ($name, transA=$transA, transB=$transB)',
    ({ ctor, transA, transB }) => {
      // Integers in [-4, 4]: every partial sum stays below 2^24, so any summation order is exact.
      const next = random(11);
      const int = () => Math.round(next() * 4);
      for (const [m, n, k] of [[300, 130, 520], [5, 260, 257], [129, 4, 600], [4, 4, 1000]] as const) {
        const a = filled(ctor, 3, m * k, int);
        const b = filled(ctor, 5, k * n, int);
        const { want } = naive(transA, transB, m, n, k, a, 3, b, 5);
        const [aBefore, bBefore] = [a.slice(), b.slice()];
        const got = run(ctor, transA, transB, m, n, k, a, b);
        expect(firstDifference(got, want), `m=${m} n=${n} k=${k}`).toBe(-1);
        expect(firstDifference(a, aBefore)).toBe(-1);
        expect(firstDifference(b, bBefore)).toBe(-1);
      }
    },
  );

  it.each(dtypes)('writes zeros when k = 0, whatever C held ($name)', ({ ctor }) => {
    for (const [m, n] of [[1, 1], [3, 5], [64, 64]] as const) {
      const c = new ctor(2 + m * n + 2).fill(NaN);
      gemm(false, false, m, n, 0, new ctor(0), 0, new ctor(0), 0, c, 2);
      expect(Array.from(c.subarray(2, 2 + m * n))).toEqual(Array(m * n).fill(0));
      expect(Number.isNaN(c[1]) && Number.isNaN(c[2 + m * n])).toBe(true);
    }
  });

  it('does nothing when m or n is 0', () => {
    const c = new Float64Array(4).fill(9);
    gemm(false, false, 0, 4, 3, new Float64Array(0), 0, new Float64Array(12), 0, c, 0);
    gemm(false, false, 4, 0, 3, new Float64Array(12), 0, new Float64Array(0), 0, c, 0);
    expect(Array.from(c)).toEqual([9, 9, 9, 9]);
  });

  it('keeps an infinity in its own column and a NaN in its own row', () => {
    // A = 1s (70×70), B = 1s with B[3][5] = ∞ → column 5 is ∞, the rest 70; then A[2][0] = NaN → row 2 is NaN.
    const m = 70, n = 70, k = 70;
    const a = new Float64Array(m * k).fill(1);
    const b = new Float64Array(k * n).fill(1);
    b[3 * n + 5] = Infinity;
    const c = new Float64Array(m * n);
    const expected = (nanRow: number) =>
      Array.from({ length: m * n }, (_, e) => (Math.floor(e / n) === nanRow ? NaN : e % n === 5 ? Infinity : 70));
    gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
    expect(Array.from(c)).toEqual(expected(-1));
    a[2 * k] = NaN;
    gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
    expect(Array.from(c)).toEqual(expected(2));
  });

  it('sums float32 products in double precision and rounds once on store', () => {
    // Row = [1, 2^-24 × 64], column = 1s: the double sum is 1 + 64·2^-24 = 1 + 2^-18, a float32.
    // A float32 accumulator would stay at 1: each 1 + 2^-24 is a tie that rounds back to even.
    for (const [m, n] of [[8, 8], [1, 5]] as const) {
      const k = 65;
      const a = new Float32Array(m * k).fill(2 ** -24);
      for (let i = 0; i < m; i++) a[i * k] = 1;
      const b = new Float32Array(k * n).fill(1);
      const c = new Float32Array(m * n);
      gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
      expect(Array.from(c)).toEqual(Array(m * n).fill(1 + 2 ** -18));
    }
  });

  it('sums small row updates (op(B) untransposed, n ≥ 8) in groups of four rows of B, the same bits whether op(B) fits L1 or not', () => {
    // each element: acc += (x0·b0 + x1·b1) + (x2·b2 + x3·b3) per group of four p, then acc += x·b for the rest
    const grouped = (transA: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, ctor: Ctor): FloatArray => {
      const out = new ctor(m * n);
      const at = (i: number, p: number) => a[transA ? p * m + i : i * k + p];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let acc = 0;
          let p = 0;
          for (; p + 4 <= k; p += 4) acc += at(i, p) * b[p * n + j] + at(i, p + 1) * b[(p + 1) * n + j] + (at(i, p + 2) * b[(p + 2) * n + j] + at(i, p + 3) * b[(p + 3) * n + j]);
          for (; p < k; p++) acc += at(i, p) * b[p * n + j];
          out[i * n + j] = acc;
        }
      }
      return out;
    };
    const next = random(11);
    // below and above SMALL_B (4096 elements of op(B)), with columns and rows left over from groups of four
    for (const [m, n, k] of [[10, 8, 2], [10, 8, 8], [8, 8, 10], [2, 13, 7], [3, 9, 33], [5, 11, 1], [2, 70, 61], [3, 9, 500]] as const) {
      for (const transA of [false, true]) {
        for (const ctor of [Float32Array, Float64Array]) {
          const a = filled(ctor, 0, m * k, next);
          const b = filled(ctor, 0, k * n, next);
          const c = new ctor(m * n);
          gemm(transA, false, m, n, k, a, 0, b, 0, c, 0);
          expect(Array.from(c), `${m}×${n}×${k}, transA ${transA}, ${ctor.name}`).toEqual(Array.from(grouped(transA, m, n, k, a, b, ctor)));
        }
      }
    }
  });

  it('sums a small product\'s dot products (op(B) transposed, or n < 8) in four strided partial sums, two columns at a time or one', () => {
    // each element: s[p mod 4] += a·b for p below the last multiple of 4, the rest into s0, then (s0 + s1) + (s2 + s3)
    const strided = (transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, ctor: Ctor): FloatArray => {
      const out = new ctor(m * n);
      const at = (i: number, p: number) => a[transA ? p * m + i : i * k + p];
      const bt = (p: number, j: number) => b[transB ? j * k + p : p * n + j];
      const k4 = k - (k % 4);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const s = [0, 0, 0, 0];
          for (let p = 0; p < k4; p++) s[p % 4] += at(i, p) * bt(p, j);
          for (let p = k4; p < k; p++) s[0] += at(i, p) * bt(p, j);
          out[i * n + j] = s[0] + s[1] + (s[2] + s[3]);
        }
      }
      return out;
    };
    const next = random(12);
    for (const [m, n, k] of [[10, 8, 2], [10, 8, 8], [10, 2, 8], [8, 2, 10], [7, 5, 13], [3, 3, 9], [2, 1, 3], [5, 7, 1]] as const) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          if (!transB && n >= 8) continue; // the row updates above
          for (const ctor of [Float32Array, Float64Array]) {
            const a = filled(ctor, 0, m * k, next);
            const b = filled(ctor, 0, k * n, next);
            const c = new ctor(m * n);
            gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0);
            expect(Array.from(c), `${m}×${n}×${k}, transA ${transA}, transB ${transB}, ${ctor.name}`).toEqual(Array.from(strided(transA, transB, m, n, k, a, b, ctor)));
          }
        }
      }
    }
  });
});
