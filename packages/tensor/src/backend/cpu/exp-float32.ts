/**
 * e^x for a result stored as float32, in plain arithmetic instead of a call of `Math.exp` (a C function
 * in V8), and the parts of it that `tanhForFloat32` and `sigmoidForFloat32` share. Tang's table method:
 * e^y = 2^{k/32}·e^r with k = round(32y / ln 2) and |r| ≤ ln 2 / 64; 2^{k/32} = 2^i·2^{j/32} from two
 * tables (k = 32i + j), and e^r − 1 from its Taylor polynomial to r⁶ (the next term is < 4e-16 of it).
 * The value is computed in double precision to within ~1e-15 (relative) and rounded once to float32
 * when stored (a double past float32's range, as e^89, stores as ∞ or 0): then it equals
 * `Math.fround(Math.exp(x))` on every float32 x, checked on all of them from −104 to 89
 * (`exp-float32.test.ts` sweeps a million).
 * @see P. T. P. Tang, "Table-driven implementation of the exponential function in IEEE
 * floating-point arithmetic", ACM TOMS 15(2), 1989.
 */
export function expForFloat32(x: number): number {
  // NOTE: clamped, not branched (measured 8.2 against 11.3 ns a value with two branches): e^89 > float32
  // max rounds to ∞, e^−104 < 2^−150 to 0; NaN stays NaN through min, max and round
  const y = Math.min(Math.max(x, -104), 89);
  const k = Math.round(y * THIRTY_TWO_OVER_LN2);
  const r = y - k * LN2_OVER_32_HI - k * LN2_OVER_32_LO;
  const s = twoToTheKOver32(k);
  return s * expm1Reduced(r) + s;
}

export const THIRTY_TWO_OVER_LN2 = 32 / Math.LN2;
/** ln 2 / 32 in two parts; the high part's low 21 bits are zero, so k times it is exact for |k| < 2²¹ (fdlibm's ln2_hi, ln2_lo). */
export const LN2_OVER_32_HI = 6.93147180369123816490e-1 / 32;
export const LN2_OVER_32_LO = 1.90821492927058770002e-10 / 32;

/** e^r − 1 for |r| ≤ ln 2 / 64: the Taylor polynomial to r⁶. */
export function expm1Reduced(r: number): number {
  return r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
}

/** 2^{k/32} for −4,832 ≤ k < 4,128 (e^y for −104.6 < y < 89.4): 2^i·2^{j/32}, k = 32i + j, i by an arithmetic shift (floor); NaN gives 1. */
export function twoToTheKOver32(k: number): number {
  return POWERS_OF_TWO[(k >> 5) + POWER_OFFSET] * TWO_TO_THE_J_OVER_32[k & 31];
}

/** 2^{j/32}, j = 0 … 31. */
const TWO_TO_THE_J_OVER_32 = Float64Array.from({ length: 32 }, (_, j) => 2 ** (j / 32));
/** 2^i at i + 151 for −151 ≤ i ≤ 128. */
const POWER_OFFSET = 151;
const POWERS_OF_TWO = Float64Array.from({ length: 280 }, (_, i) => 2 ** (i - POWER_OFFSET));
