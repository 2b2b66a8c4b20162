import { ValueError } from '../errors';
import type { Rng } from './rng';

/** The key of a keyed stream: two unsigned 32-bit words. */
export type StreamKey = readonly [number, number];

const GOLDEN = 0x9e3779b9; // 2³² / φ, the Weyl increment
const TWO_NEG_24 = 2 ** -24;
const TWO_PI_F32 = Math.fround(2 * Math.PI);
const SQRT_HALF_F32 = Math.fround(Math.SQRT1_2);
/** Cephes logf's polynomial, highest degree first, as float32. */
const LOG_P = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(Math.fround);
/** 2⁻ʲ for j ≤ 25: frexp's scaling without a call to Math.pow. */
const INVERSE_POWERS = Float64Array.from({ length: 26 }, (_, j) => 2 ** -j);
const LOG_C1 = Math.fround(-2.1219444e-4);
const LOG_C2 = Math.fround(0.693359375);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(Math.fround);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(Math.fround);

/**
 * A fresh key for a keyed stream: two 32-bit draws of `rng` (which it advances). A layer that needs
 * random numbers draws one key per call and makes its numbers from it, so the run repeats from the seed
 * whichever backend makes them.
 */
export function drawStreamKey(rng: Rng): StreamKey {
  return [rng.int(2 ** 32), rng.int(2 ** 32)];
}

/**
 * Element i of the keyed stream (k0, k1), an unsigned 32-bit integer: a counter-based generator,
 * bits = fmix32(fmix32(k0 + i·0x9e3779b9) ^ k1) with fmix32 MurmurHash3's finalizer (a bijection with
 * full avalanche), so distinct i < 2³² give distinct bits and each element depends on its index alone.
 * The wasm backend computes the same stream four lanes at a time (@nn/gpu, assembly/random.ts); this is
 * the reference and the CPU path.
 * @see J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011 (counter-based generators)
 * @see A. Appleby, MurmurHash3 (public domain): fmix32
 */
export function keyedBits(k0: number, k1: number, i: number): number {
  return bitsI32(k0, k1, i) >>> 0;
}

/** `keyedBits` as an int32 bit pattern (so that V8 keeps it in an integer register). */
function bitsI32(k0: number, k1: number, i: number): number {
  return fmix32(fmix32((k0 + Math.imul(i, GOLDEN)) | 0) ^ k1);
}

/**
 * Dropout's mask from the stream `key`: out[i] = scale where (bits_i >>> 8) ≥ ⌈p·2²⁴⌉, else 0 — kept
 * with probability 1 − p (exactly when p is a multiple of 2⁻²⁴). Returns `out`.
 */
export function fillKeyedMask<T extends Float32Array | Float64Array>(out: T, key: StreamKey, p: number, scale: number): T {
  checkKey('fillKeyedMask', key);
  if (!(p >= 0 && p <= 1)) throw new ValueError('fillKeyedMask', `p must be in [0, 1], got ${String(p)}`);
  const threshold = maskThreshold(p);
  // int32 bit patterns, so that the hashing stays in integer registers
  const k0 = key[0] | 0;
  const k1 = key[1] | 0;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = bitsI32(k0, k1, i) >>> 8 >= threshold ? scale : 0;
  return out;
}

/** ⌈p·2²⁴⌉: a 24-bit draw at or above it keeps its unit. */
export function maskThreshold(p: number): number {
  return Math.ceil(p * 16777216);
}

/**
 * out[i] = base_i + std·z_i, z_i ~ N(0, 1) from the stream `key`, base_i = x[i] (adding noise to x) or
 * `mean`: Box–Muller in float32, every operation rounded as float32, in blocks of eight — for the block
 * at i and lane l < 4, u₁ = ((bits_{i+l} >>> 8) + 1)·2⁻²⁴ ∈ (0, 1], u₂ = (bits_{i+4+l} >>> 8)·2⁻²⁴,
 * r = √(−2 ln u₁), z_{i+l} = r·cos 2πu₂, z_{i+4+l} = r·sin 2πu₂, with Cephes' float32 logf, sinf and
 * cosf polynomials (the angle reduced by quarter turns exactly, in integers). Equal bit for bit to the
 * wasm backend's kernel. Returns `out`.
 * @see G. E. P. Box, M. E. Muller, "A note on the generation of random normal deviates", Ann. Math. Statist. 29(2), 1958
 * @see S. L. Moshier, Cephes Math Library (logf.c, sinf.c)
 */
export function fillKeyedNormal(out: Float32Array, key: StreamKey, mean: number, std: number, x?: Float32Array): Float32Array {
  checkKey('fillKeyedNormal', key);
  if (!(std >= 0 && Number.isFinite(std))) throw new ValueError('fillKeyedNormal', `std must be a finite number ≥ 0, got ${String(std)}`);
  if (x !== undefined && x.length !== out.length) throw new ValueError('fillKeyedNormal', `x has ${x.length} elements, out ${out.length}`);
  const f = Math.fround;
  // int32 bit patterns, so that the hashing stays in integer registers
  const k0 = key[0] | 0;
  const k1 = key[1] | 0;
  const n = out.length;
  const m = f(mean);
  const s = f(std);
  for (let i = 0; i < n; i += 8) {
    for (let l = 0; l < 4; l++) {
      const lo = i + l;
      const hi = i + 4 + l;
      if (lo >= n) break;
      const u1 = ((bitsI32(k0, k1, lo) >>> 8) + 1) * TWO_NEG_24;
      const r = f(Math.sqrt(f(logF32(u1) * -2)));
      const k2 = bitsI32(k0, k1, hi) >>> 8;
      const q = (k2 + (1 << 21)) >>> 22;
      const a = f((k2 - q * 4194304) * TWO_NEG_24 * TWO_PI_F32);
      const z = f(a * a);
      const sin = f(f(f(f(f(f(f(SIN_P[0] * z) + SIN_P[1]) * z) + SIN_P[2]) * z) * a) + a);
      const cos = f(f(f(f(f(f(f(f(COS_P[0] * z) + COS_P[1]) * z) + COS_P[2]) * z) * z) - f(z * 0.5)) + 1);
      const cosT = (q & 1 ? sin : cos) * ((q + 1) & 2 ? -1 : 1);
      const sinT = (q & 1 ? cos : sin) * (q & 2 ? -1 : 1);
      out[lo] = f((x === undefined ? m : x[lo]) + f(s * f(r * cosT)));
      if (hi < n) out[hi] = f((x === undefined ? m : x[hi]) + f(s * f(r * sinT)));
    }
  }
  return out;
}

/** ln u for u = k·2⁻²⁴, k an integer in [1, 2²⁴]: Cephes' logf in float32 arithmetic. */
function logF32(u: number): number {
  const f = Math.fround;
  // u = x·2^e with x ∈ [0.5, 1): for u = k·2⁻²⁴, 2^p ≤ k < 2^(p+1) gives e = p + 1 − 24
  const k = u * 16777216;
  const p = 31 - Math.clz32(k);
  let e = p + 1 - 24;
  let x = k * INVERSE_POWERS[p + 1];
  if (x < SQRT_HALF_F32) {
    e -= 1;
    x = f(f(x + x) - 1);
  } else {
    x = f(x - 1);
  }
  const z = f(x * x);
  let y = LOG_P[0];
  for (let j = 1; j < LOG_P.length; j++) y = f(f(y * x) + LOG_P[j]);
  y = f(f(y * x) * z);
  y = f(y + f(e * LOG_C1));
  y = f(y - f(z * 0.5));
  x = f(x + y);
  return f(x + f(e * LOG_C2));
}

/** Throws unless `key` is two unsigned 32-bit integers. */
function checkKey(op: string, key: unknown): void {
  const ok = Array.isArray(key) && key.length === 2 && key.every((w) => Number.isInteger(w) && w >= 0 && w < 4294967296);
  if (!ok) throw new ValueError(op, `key must be two unsigned 32-bit integers [k0, k1] (drawStreamKey), got ${JSON.stringify(key)}`);
}

/** MurmurHash3's 32-bit finalizer on an int32 bit pattern; int32 result. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
