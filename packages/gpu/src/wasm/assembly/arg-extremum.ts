/**
 * argmax / argmin along one axis, float32 and float64: y[o, i] = the first d < dim at which
 * s·x[o, d, i] is largest (s = 1 for argmax, −1 for argmin), NaN counting as larger than everything
 * (the first NaN wins, as in NumPy), 0 when every value is −∞ (s·x). The same scan, in the same order,
 * as the CPU backend's kernel, so the indices are its own. y is int32.
 *
 * With inner ≥ 4 (2 for float64) positions are scanned a vector at a time, one per lane (compare,
 * then `bitselect` of the value and its index); windows of 4 along the last axis (a 2 × 2 pooling's),
 * float32, four windows at a time after a 4 × 4 transpose; anything else element by element, without
 * branches (on data the comparisons go either way at random, which a branch predictor cannot follow).
 */

export function argExtremumF32(sign: i32, outer: i32, dim: i32, inner: i32, x: usize, y: usize): void {
  // NOTE: each call inlines the scan with `max` constant, so the negation folds away for argmax.
  if (sign > 0) argExtremum<f32>(true, outer, dim, inner, x, y);
  else argExtremum<f32>(false, outer, dim, inner, x, y);
}

export function argExtremumF64(sign: i32, outer: i32, dim: i32, inner: i32, x: usize, y: usize): void {
  if (sign > 0) argExtremum<f64>(true, outer, dim, inner, x, y);
  else argExtremum<f64>(false, outer, dim, inner, x, y);
}

// @ts-ignore: decorator
@inline function argExtremum<T>(max: bool, outer: i32, dim: i32, inner: i32, x: usize, y: usize): void {
  const s = <usize>sizeof<T>();
  const lanes: i32 = 16 / <i32>sizeof<T>();
  const step = <usize>inner * s;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * <usize>dim * step;
    const out = y + (<usize>(o * inner) << 2);
    let i = 0;
    if (inner == 1 && dim == 4 && s == 4 && o + 4 <= outer) {
      // four windows of four at once: a 4 × 4 transpose puts value d of each window in one vector
      const r0 = v128.load(base);
      const r1 = v128.load(base, 16);
      const r2 = v128.load(base, 32);
      const r3 = v128.load(base, 48);
      const a = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      const b = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const c = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      const e = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      let best = f32x4.splat(-Infinity);
      let at = i32x4.splat(0);
      for (let d = 0; d < 4; d++) {
        let v = d == 0 ? v128.shuffle<f32>(a, c, 0, 1, 4, 5) : d == 1 ? v128.shuffle<f32>(a, c, 2, 3, 6, 7) : d == 2 ? v128.shuffle<f32>(b, e, 0, 1, 4, 5) : v128.shuffle<f32>(b, e, 2, 3, 6, 7);
        if (!max) v = f32x4.neg(v);
        const take = v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
        best = v128.bitselect(v, best, take);
        at = v128.bitselect(i32x4.splat(d), at, take);
      }
      v128.store(out, at);
      o += 3;
      continue;
    }
    if (inner >= lanes) {
      for (; i + lanes <= inner; i += lanes) {
        let p = base + <usize>i * s;
        if (s == 4) {
          let best = f32x4.splat(-Infinity);
          let at = i32x4.splat(0);
          for (let d = 0; d < dim; d++, p += step) {
            const w = max ? v128.load(p) : f32x4.neg(v128.load(p));
            const take = v128.or(f32x4.gt(w, best), v128.and(f32x4.ne(w, w), f32x4.eq(best, best)));
            best = v128.bitselect(w, best, take);
            at = v128.bitselect(i32x4.splat(d), at, take);
          }
          v128.store(out + (<usize>i << 2), at);
        } else {
          let best = f64x2.splat(-Infinity);
          let at = i64x2.splat(0);
          for (let d = 0; d < dim; d++, p += step) {
            const w = max ? v128.load(p) : f64x2.neg(v128.load(p));
            const take = v128.or(f64x2.gt(w, best), v128.and(f64x2.ne(w, w), f64x2.eq(best, best)));
            best = v128.bitselect(w, best, take);
            at = v128.bitselect(i64x2.splat(d), at, take);
          }
          store<i32>(out + (<usize>i << 2), <i32>i64x2.extract_lane(at, 0));
          store<i32>(out + (<usize>(i + 1) << 2), <i32>i64x2.extract_lane(at, 1));
        }
      }
    }
    for (; i < inner; i++) {
      let p = base + <usize>i * s;
      let best = <T>-Infinity;
      let at = 0;
      // NOTE: branch-free (select), since on data the comparisons go either way at random; once best is
      // NaN nothing replaces it, which is the CPU loop's `break` at the first NaN.
      for (let d = 0; d < dim; d++, p += step) {
        const v = max ? load<T>(p) : -load<T>(p);
        const take = (v > best) | ((v != v) & (best == best));
        best = select<T>(v, best, take);
        at = select<i32>(d, at, take);
      }
      store<i32>(out + (<usize>i << 2), at);
    }
  }
}
