/**
 * Fused optimizer updates over float32 with 128-bit SIMD (f32x4): one pass per parameter tensor that
 * reads the gradient and the optimizer's state where they lie in wasm memory and writes the update and
 * the new state, instead of a chain of elementwise kernels that each make a full-size result.
 *
 * Every result is bit for bit the one @nn/optim's op chains (and its fused JS loops) compute in float32:
 * each product, sum, square root and quotient is one correctly rounded float32 operation, in the chain's
 * order, with no fused multiply-add. Scalars come in as float32 (the caller passes the values the ops
 * would make float32 scalars of). The last n mod 4 elements go through the same vector code, one lane used.
 */

/**
 * Adam: m' = m·β₁ + g·(1 − β₁), v' = v·β₂ + (g·g)·(1 − β₂), d = v' (or max(v', vMax) with `amsgrad`,
 * written to vMaxOut), u = ((m'·s₁) / (√d·s₂ + ε))·c with s₁ = 1/(1 − β₁ᵗ), s₂ = 1/√(1 − β₂ᵗ) and c the
 * learning-rate factor that follows in the chain (−η; 1 for Adam's direction alone: x·1 = x); i < n.
 * The float32 scalars lie at k: [β₁, 1 − β₁, β₂, 1 − β₂, s₁, s₂, ε, c] (in memory, not arguments, so a
 * helper thread can run a share of the call: its arguments are 32-bit integers).
 */
export function adamF32(n: i32, g: usize, m: usize, v: usize, vMax: usize, u: usize, mOut: usize, vOut: usize, vMaxOut: usize, k: usize, amsgrad: i32): void {
  const vb1 = f32x4.splat(load<f32>(k)), vr1 = f32x4.splat(load<f32>(k, 4)), vb2 = f32x4.splat(load<f32>(k, 8)), vr2 = f32x4.splat(load<f32>(k, 12));
  const vs1 = f32x4.splat(load<f32>(k, 16)), vs2 = f32x4.splat(load<f32>(k, 20)), ve = f32x4.splat(load<f32>(k, 24)), vc = f32x4.splat(load<f32>(k, 28));
  const vectorEnd = n & ~3;
  let i = 0;
  for (; i < vectorEnd; i += 4) {
    const o = <usize>i << 2;
    adamLanes(o, g, m, v, vMax, u, mOut, vOut, vMaxOut, vb1, vr1, vb2, vr2, vs1, vs2, ve, vc, amsgrad, true);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    adamLanes(o, g, m, v, vMax, u, mOut, vOut, vMaxOut, vb1, vr1, vb2, vr2, vs1, vs2, ve, vc, amsgrad, false);
  }
}

// @ts-ignore: decorator
@inline function adamLanes(
  o: usize, g: usize, m: usize, v: usize, vMax: usize, u: usize, mOut: usize, vOut: usize, vMaxOut: usize,
  b1: v128, r1: v128, b2: v128, r2: v128, s1: v128, s2: v128, eps: v128, c: v128, amsgrad: i32, full: bool,
): void {
  const gi = full ? v128.load(g + o) : f32x4.splat(load<f32>(g + o));
  const mi0 = full ? v128.load(m + o) : f32x4.splat(load<f32>(m + o));
  const vi0 = full ? v128.load(v + o) : f32x4.splat(load<f32>(v + o));
  const mi = f32x4.add(f32x4.mul(mi0, b1), f32x4.mul(gi, r1));
  const vi = f32x4.add(f32x4.mul(vi0, b2), f32x4.mul(f32x4.mul(gi, gi), r2));
  let d = vi;
  if (amsgrad) {
    d = f32x4.max(vi, full ? v128.load(vMax + o) : f32x4.splat(load<f32>(vMax + o)));
    put(vMaxOut + o, d, full);
  }
  put(mOut + o, mi, full);
  put(vOut + o, vi, full);
  put(u + o, f32x4.mul(f32x4.div(f32x4.mul(mi, s1), f32x4.add(f32x4.mul(f32x4.sqrt(d), s2), eps)), c), full);
}

/**
 * RMSprop: s' = s·α + (g·g)·(1 − α); with `centered`, m' = m·α + g·(1 − α) and the variance s' − m'·m',
 * else s'; u = g / (√var + ε), or g / √(var + ε) with `epsInsideSqrt`; i < n.
 */
export function rmsF32(
  n: i32, g: usize, s: usize, m: usize, u: usize, sOut: usize, mOut: usize,
  alpha: f32, rest: f32, eps: f32, centered: i32, epsInsideSqrt: i32,
): void {
  const va = f32x4.splat(alpha), vr = f32x4.splat(rest), ve = f32x4.splat(eps);
  const vectorEnd = n & ~3;
  let i = 0;
  for (; i < vectorEnd; i += 4) rmsLanes(<usize>i << 2, g, s, m, u, sOut, mOut, va, vr, ve, centered, epsInsideSqrt, true);
  for (; i < n; i++) rmsLanes(<usize>i << 2, g, s, m, u, sOut, mOut, va, vr, ve, centered, epsInsideSqrt, false);
}

// @ts-ignore: decorator
@inline function rmsLanes(
  o: usize, g: usize, s: usize, m: usize, u: usize, sOut: usize, mOut: usize,
  alpha: v128, rest: v128, eps: v128, centered: i32, epsInsideSqrt: i32, full: bool,
): void {
  const gi = full ? v128.load(g + o) : f32x4.splat(load<f32>(g + o));
  const si0 = full ? v128.load(s + o) : f32x4.splat(load<f32>(s + o));
  const si = f32x4.add(f32x4.mul(si0, alpha), f32x4.mul(f32x4.mul(gi, gi), rest));
  put(sOut + o, si, full);
  let variance = si;
  if (centered) {
    const mi0 = full ? v128.load(m + o) : f32x4.splat(load<f32>(m + o));
    const mi = f32x4.add(f32x4.mul(mi0, alpha), f32x4.mul(gi, rest));
    put(mOut + o, mi, full);
    variance = f32x4.sub(si, f32x4.mul(mi, mi));
  }
  const root = epsInsideSqrt ? f32x4.sqrt(f32x4.add(variance, eps)) : f32x4.add(f32x4.sqrt(variance), eps);
  put(u + o, f32x4.div(gi, root), full);
}

/** Momentum: v' = v·μ + g; with `nesterov`, u = g + v'·μ (else the caller uses v' as the update); i < n. */
export function traceF32(n: i32, g: usize, v: usize, vOut: usize, u: usize, mu: f32, nesterov: i32): void {
  const vm = f32x4.splat(mu);
  const vectorEnd = n & ~3;
  let i = 0;
  for (; i < vectorEnd; i += 4) traceLanes(<usize>i << 2, g, v, vOut, u, vm, nesterov, true);
  for (; i < n; i++) traceLanes(<usize>i << 2, g, v, vOut, u, vm, nesterov, false);
}

// @ts-ignore: decorator
@inline function traceLanes(o: usize, g: usize, v: usize, vOut: usize, u: usize, mu: v128, nesterov: i32, full: bool): void {
  const gi = full ? v128.load(g + o) : f32x4.splat(load<f32>(g + o));
  const vi0 = full ? v128.load(v + o) : f32x4.splat(load<f32>(v + o));
  const vi = f32x4.add(f32x4.mul(vi0, mu), gi);
  put(vOut + o, vi, full);
  if (nesterov) put(u + o, f32x4.add(gi, f32x4.mul(vi, mu)), full);
}

/** Stores four lanes at `p`, or lane 0 alone (a tail element). */
// @ts-ignore: decorator
@inline function put(p: usize, x: v128, full: bool): void {
  if (full) v128.store(p, x);
  else store<f32>(p, f32x4.extract_lane(x, 0));
}
