/**
 * The keyed random stream of @nn/tensor (`keyedBits`, src/random/keyed-stream.ts) with 128-bit SIMD,
 * four counters per vector: element i of a stream with key (k0, k1) is
 *   w = k0 + i·0x9e3779b9 (mod 2³²),  bits = fmix32(fmix32(w) ^ k1)
 * (fmix32: MurmurHash3's finalizer). Every element depends only on the key and its index, so the lanes
 * are independent and any slice of a stream can be made on its own. The TypeScript functions compute
 * the very same bits and, in float32, the very same numbers: only integer operations and correctly
 * rounded float32 +, −, ·, ÷ and √, in the same order, no fused multiply-add.
 */

import { sumSquaresTrailingF32 } from './elementwise';

const GOLDEN: i32 = <i32>0x9e3779b9;
const TWO_NEG_24: f32 = 5.9604644775390625e-8;

// @ts-ignore: decorator
@inline function fmix(h: v128): v128 {
  h = v128.xor(h, i32x4.shr_u(h, 16));
  h = i32x4.mul(h, i32x4.splat(<i32>0x85ebca6b));
  h = v128.xor(h, i32x4.shr_u(h, 13));
  h = i32x4.mul(h, i32x4.splat(<i32>0xc2b2ae35));
  return v128.xor(h, i32x4.shr_u(h, 16));
}

/** The bits of elements i … i + 3 of the stream (k0, k1). */
// @ts-ignore: decorator
@inline function bits4(k0: i32, k1: i32, i: i32): v128 {
  const w = i32x4.add(i32x4.splat(k0 + i * GOLDEN), i32x4(0, GOLDEN, GOLDEN * 2, GOLDEN * 3));
  return fmix(v128.xor(fmix(w), i32x4.splat(k1)));
}

/** Stores the lanes of `x` (float32) at p, p + 4, … that fall below `count` (1 to 4). */
// @ts-ignore: decorator
@inline function storeLanes(p: usize, x: v128, count: i32): void {
  if (count >= 4) {
    v128.store(p, x);
    return;
  }
  store<f32>(p, f32x4.extract_lane(x, 0));
  if (count > 1) store<f32>(p + 4, f32x4.extract_lane(x, 1));
  if (count > 2) store<f32>(p + 8, f32x4.extract_lane(x, 2));
}

/**
 * Dropout's mask, float32: m[i] = scale where (bits_i >>> 8) ≥ threshold, else 0, for i < n; with
 * `hasX`, y[i] = x[i]·m[i] (dropout applied in the same pass, the mask never stored), else y[i] = m[i].
 * With threshold = ⌈p·2²⁴⌉ a unit is kept with probability 1 − p (exactly, for p a multiple of 2⁻²⁴).
 * The float32 scale lies at k (in memory, as every float of a kernel a helper thread may run a share of:
 * a share's arguments are 32-bit integers). Elements i₀ … of a stream are made by a call with k0 + i₀·φ
 * and x, y moved by i₀.
 */
export function dropoutMaskF32(n: i32, k0: i32, k1: i32, threshold: i32, x: usize, hasX: i32, k: usize, y: usize): void {
  const t = i32x4.splat(threshold);
  const s = f32x4.splat(load<f32>(k));
  const whole = n & ~3;
  let i = 0;
  // NOTE: whole vectors in loops of their own, the short last one apart (see `normalF32`)
  if (hasX) {
    for (; i < whole; i += 4) {
      const o = <usize>i << 2;
      const m = v128.and(i32x4.ge_s(i32x4.shr_u(bits4(k0, k1, i), 8), t), s);
      v128.store(y + o, f32x4.mul(v128.load(x + o), m));
    }
  } else {
    for (; i < whole; i += 4) v128.store(y + (<usize>i << 2), v128.and(i32x4.ge_s(i32x4.shr_u(bits4(k0, k1, i), 8), t), s));
  }
  if (i == n) return;
  const o = <usize>i << 2;
  const m = v128.and(i32x4.ge_s(i32x4.shr_u(bits4(k0, k1, i), 8), t), s);
  storeLanes(y + o, hasX ? f32x4.mul(loadLanes(x + o, n - i), m) : m, n - i);
}

/** The last block's two vectors, when it is cut short (see `normalF32`). */
let tailLo: v128 = i32x4.splat(0);
let tailHi: v128 = i32x4.splat(0);

/**
 * Normal deviates by Box–Muller in float32, in blocks of eight: for the block at i (a multiple of 8)
 * and lane l < 4, u₁ = ((bits_{i+l} >>> 8) + 1)·2⁻²⁴ ∈ (0, 1], u₂ = (bits_{i+4+l} >>> 8)·2⁻²⁴ and
 * r = √(−2 ln u₁): z_{i+l} = r·cos 2πu₂, z_{i+4+l} = r·sin 2πu₂. ln, cos and sin are Cephes' float32
 * polynomials (logf; sinf/cosf after reducing 2πu₂ by quarter turns, exactly, in integers).
 * y[i] = base + std·z_i, base = x[i] when `hasX` (adding noise to x), else `mean`; i < n. The float32
 * [mean, std] lie at k (see `dropoutMaskF32`); a share starting at element i₀ (a multiple of 8) is a
 * call with k0 + i₀·φ and x, y moved by i₀.
 */
export function normalF32(n: i32, k0: i32, k1: i32, x: usize, hasX: i32, k: usize, y: usize): void {
  const vmean = f32x4.splat(load<f32>(k));
  const vstd = f32x4.splat(load<f32>(k, 4));
  const whole = n & ~7;
  const pairs = n & ~15;
  let i = 0;
  // NOTE: whole blocks in loops of their own with plain stores; lane-by-lane stores for a short last
  // block inside the same loop made the loop several times slower. Two blocks an iteration: their
  // long chains of dependent float operations (the polynomials) then overlap.
  if (hasX) {
    for (; i < pairs; i += 16) {
      const o = <usize>i << 2;
      normalBlock(k0, k1, i, v128.load(x + o), v128.load(x + o + 16), vstd, y + o, false);
      normalBlock(k0, k1, i + 8, v128.load(x + o + 32), v128.load(x + o + 48), vstd, y + o + 32, false);
    }
    for (; i < whole; i += 8) {
      const o = <usize>i << 2;
      normalBlock(k0, k1, i, v128.load(x + o), v128.load(x + o + 16), vstd, y + o, false);
    }
  } else {
    for (; i < pairs; i += 16) {
      normalBlock(k0, k1, i, vmean, vmean, vstd, y + (<usize>i << 2), false);
      normalBlock(k0, k1, i + 8, vmean, vmean, vstd, y + (<usize>i << 2) + 32, false);
    }
    for (; i < whole; i += 8) normalBlock(k0, k1, i, vmean, vmean, vstd, y + (<usize>i << 2), false);
  }
  if (i == n) return;
  const left = n - i;
  const p = <usize>i << 2;
  const lo = hasX ? loadLanes(x + p, min(left, 4)) : vmean;
  const hi = hasX && left > 4 ? loadLanes(x + p + 16, left - 4) : vmean;
  normalBlock(k0, k1, i, lo, hi, vstd, 0, true);
  storeLanes(y + p, tailLo, min(left, 4));
  if (left > 4) storeLanes(y + p + 16, tailHi, left - 4);
}

/**
 * Noise of per-row spread (a dense layer's weight noise drawn per example, by the local
 * reparameterization), its second half: with out [rows, cols] holding the stream's normals z
 * (`normalF32` with mean 0, std 1, made first, split between threads or not), for row r of y
 * [rows, cols] and x [rows, xCols]:
 *   s_r = √(Σ_k x[r, k]² + extra)  (the sum as `sumSquaresTrailingF32`, rounded to float32; √ in float64, rounded),
 *   out[r, j] = y[r, j] + (std·s_r)·z[r, j],  coef[r] = std / s_r (0 where s_r = 0),
 * all in float32. Floats at k: [std, extra]. `coef` is what the gradient to x needs:
 * ∂L/∂x[r] = coef[r]·(Σ_j g[r, j]·z[r, j])·x[r].
 */
export function normScaleRowsF32(rows: i32, cols: i32, xCols: i32, x: usize, y: usize, k: usize, out: usize, coef: usize): void {
  sumSquaresTrailingF32(rows, xCols, x, coef);
  const std = load<f32>(k);
  const extra = <f64>load<f32>(k, 4);
  const whole = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const s = <f32>Math.sqrt(<f64>load<f32>(coef + (<usize>r << 2)) + extra);
    store<f32>(coef + (<usize>r << 2), s > 0 ? std / s : 0);
    const scale = std * s;
    const vscale = f32x4.splat(scale);
    const o = <usize>r * cols << 2;
    let j = 0;
    for (; j < whole; j += 4) {
      const p = o + (<usize>j << 2);
      v128.store(out + p, f32x4.add(v128.load(y + p), f32x4.mul(vscale, v128.load(out + p))));
    }
    for (; j < cols; j++) {
      const p = o + (<usize>j << 2);
      store<f32>(out + p, load<f32>(y + p) + scale * load<f32>(out + p));
    }
  }
}

/**
 * The gradient of `normScaleRowsF32`'s noise to x, given g = ∂L/∂out [rows, cols] and its coef [rows]:
 *   t_r = Σ_j g[r, j]·z[r, j] (each product exact in float64, summed from left to right, rounded to float32),
 *   dx[r, k] = x[r, k]·(coef_r·t_r), in float32,
 * z the stream's normals again, made into `zs` (rows·cols float32 of scratch). Floats at k: [0, 1].
 */
export function normScaledNormalGradF32(rows: i32, cols: i32, xCols: i32, k0: i32, k1: i32, g: usize, x: usize, coef: usize, k: usize, zs: usize, dx: usize): void {
  normalF32(rows * cols, k0, k1, 0, 0, k, zs);
  const whole = xCols & ~3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * cols << 2;
    let t: f64 = 0;
    for (let j = 0; j < cols; j++) {
      const p = o + (<usize>j << 2);
      t += <f64>load<f32>(g + p) * <f64>load<f32>(zs + p);
    }
    const c = load<f32>(coef + (<usize>r << 2)) * <f32>t;
    const vc = f32x4.splat(c);
    const ox = <usize>r * xCols << 2;
    let i = 0;
    for (; i < whole; i += 4) {
      const p = ox + (<usize>i << 2);
      v128.store(dx + p, f32x4.mul(v128.load(x + p), vc));
    }
    for (; i < xCols; i++) {
      const p = ox + (<usize>i << 2);
      store<f32>(dx + p, load<f32>(x + p) * c);
    }
  }
}

/** The block at i: base + std·z for its eight values, stored at y and y + 16, or (`tail`) left in tailLo / tailHi. */
// @ts-ignore: decorator
@inline function normalBlock(k0: i32, k1: i32, i: i32, baseLo: v128, baseHi: v128, vstd: v128, y: usize, tail: bool): void {
  const h1 = bits4(k0, k1, i);
  const h2 = bits4(k0, k1, i + 4);
  // r = √(−2 ln u₁); the 24-bit integers convert exactly
  const u1 = f32x4.mul(f32x4.convert_i32x4_s(i32x4.add(i32x4.shr_u(h1, 8), i32x4.splat(1))), f32x4.splat(TWO_NEG_24));
  const r = f32x4.sqrt(f32x4.mul(logf4(u1), f32x4.splat(-2)));
  // 2πu₂ = 2π(q/4 + t), q the nearest quarter turn, |t| ≤ 1/8
  const k2 = i32x4.shr_u(h2, 8);
  const q = i32x4.shr_u(i32x4.add(k2, i32x4.splat(1 << 21)), 22);
  const t = f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(k2, i32x4.shl(q, 22))), f32x4.splat(TWO_NEG_24));
  const a = f32x4.mul(t, f32x4.splat(<f32>6.283185307179586));
  const z = f32x4.mul(a, a);
  let sp = f32x4.add(f32x4.mul(f32x4.splat(<f32>-1.9515295891e-4), z), f32x4.splat(<f32>8.3321608736e-3));
  sp = f32x4.add(f32x4.mul(sp, z), f32x4.splat(<f32>-1.6666654611e-1));
  const sin = f32x4.add(f32x4.mul(f32x4.mul(sp, z), a), a);
  let cp = f32x4.add(f32x4.mul(f32x4.splat(<f32>2.443315711809948e-5), z), f32x4.splat(<f32>-1.388731625493765e-3));
  cp = f32x4.add(f32x4.mul(cp, z), f32x4.splat(<f32>4.166664568298827e-2));
  const cos = f32x4.add(f32x4.sub(f32x4.mul(f32x4.mul(cp, z), z), f32x4.mul(z, f32x4.splat(0.5))), f32x4.splat(1));
  // quadrant q: (cos, sin) of 2πu₂ = (c, s), (−s, c), (−c, −s), (s, −c) for q mod 4 = 0, 1, 2, 3
  const odd = i32x4.ne(v128.and(q, i32x4.splat(1)), i32x4.splat(0));
  const cosSign = i32x4.shl(v128.and(i32x4.add(q, i32x4.splat(1)), i32x4.splat(2)), 30);
  const sinSign = i32x4.shl(v128.and(q, i32x4.splat(2)), 30);
  const cosT = v128.xor(v128.bitselect(sin, cos, odd), cosSign);
  const sinT = v128.xor(v128.bitselect(cos, sin, odd), sinSign);
  const lo = f32x4.add(baseLo, f32x4.mul(vstd, f32x4.mul(r, cosT)));
  const hi = f32x4.add(baseHi, f32x4.mul(vstd, f32x4.mul(r, sinT)));
  if (tail) {
    tailLo = lo;
    tailHi = hi;
  } else {
    v128.store(y, lo);
    v128.store(y + 16, hi);
  }
}

/** The first `count` (1 to 4) float32 values at p in the low lanes, zeros above. */
// @ts-ignore: decorator
@inline function loadLanes(p: usize, count: i32): v128 {
  if (count >= 4) return v128.load(p);
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p + 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p + 8));
  return v;
}

/** ln u for normal positive float32 u: Cephes' logf (frexp, a reduction to [√½ − 1, √2 − 1), a degree-9 polynomial). */
// @ts-ignore: decorator
@inline function logf4(u: v128): v128 {
  const one = f32x4.splat(1);
  // u = x·2^e, x ∈ [0.5, 1)
  let e = i32x4.sub(i32x4.shr_u(u, 23), i32x4.splat(126));
  let x = v128.or(v128.and(u, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  const small = f32x4.lt(x, f32x4.splat(<f32>0.707106781186547524));
  e = i32x4.add(e, small); // −1 where small
  x = v128.bitselect(f32x4.sub(f32x4.add(x, x), one), f32x4.sub(x, one), small);
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(<f32>7.0376836292e-2);
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>-1.151461031e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>1.167699874e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>-1.2420140846e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>1.4249322787e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>-1.6668057665e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>2.0000714765e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>-2.4999993993e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(<f32>3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, x), z);
  const fe = f32x4.convert_i32x4_s(e);
  y = f32x4.add(y, f32x4.mul(fe, f32x4.splat(<f32>-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  x = f32x4.add(x, y);
  return f32x4.add(x, f32x4.mul(fe, f32x4.splat(<f32>0.693359375)));
}
