/**
 * gatherArgmax over float32 / float64: y[r, l] = r·P + windows[l, t*] for x [R, P] and i32 windows
 * [L, T] (entries in [0, P), checked by the op), t* the first t at which x[r, windows[l, t]] is
 * largest, NaN counting as larger than everything (the first NaN wins), t* = 0 when all are −∞: the
 * comparisons of the CPU backend's kernel in its order, so the positions are its own. y is i32.
 *
 * float32: four windows at once, one per lane (compare, then `bitselect` of the value and its
 * position). NOTE: not scalar `select`: V8 compiles it to a branch, which on data goes either way at
 * random; the scalar loop (float64, and the windows left over) ran 4–6× slower than the vector one.
 * Once the best is NaN nothing replaces it, which is the CPU loop's `break` at the first NaN.
 */

export function gatherArgmaxF32(rows: i32, plane: i32, count: i32, taps: i32, x: usize, windows: usize, y: usize): void {
  const stride = <usize>taps << 2;
  let out = y;
  for (let r = 0; r < rows; r++) {
    const base = r * plane;
    const row = x + (<usize>base << 2);
    let w = windows;
    let l = 0;
    for (; l + 4 <= count; l += 4) {
      let best = f32x4.splat(-Infinity);
      let at = positions4(w, stride);
      for (let t = 0; t < taps; t++) {
        const p = w + (<usize>t << 2);
        const q0 = load<i32>(p), q1 = load<i32>(p + stride), q2 = load<i32>(p + 2 * stride), q3 = load<i32>(p + 3 * stride);
        const q = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(q0), 1, q1), 2, q2), 3, q3);
        let v = f32x4.splat(load<f32>(row + (<usize>q0 << 2)));
        v = f32x4.replace_lane(v, 1, load<f32>(row + (<usize>q1 << 2)));
        v = f32x4.replace_lane(v, 2, load<f32>(row + (<usize>q2 << 2)));
        v = f32x4.replace_lane(v, 3, load<f32>(row + (<usize>q3 << 2)));
        const take = v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
        best = v128.bitselect(v, best, take);
        at = v128.bitselect(q, at, take);
      }
      v128.store(out, i32x4.add(at, i32x4.splat(base)));
      out += 16;
      w += 4 * stride;
    }
    for (; l < count; l++, out += 4, w += stride) store<i32>(out, base + argmaxOfWindow<f32>(row, w, taps));
  }
}

export function gatherArgmaxF64(rows: i32, plane: i32, count: i32, taps: i32, x: usize, windows: usize, y: usize): void {
  const stride = <usize>taps << 2;
  let out = y;
  for (let r = 0; r < rows; r++) {
    const base = r * plane;
    const row = x + (<usize>base << 3);
    let w = windows;
    for (let l = 0; l < count; l++, out += 4, w += stride) store<i32>(out, base + argmaxOfWindow<f64>(row, w, taps));
  }
}

/** The positions of tap 0 (at p) of four windows `stride` bytes apart. */
// @ts-ignore: decorator
@inline function positions4(p: usize, stride: usize): v128 {
  let q = i32x4.splat(load<i32>(p));
  q = i32x4.replace_lane(q, 1, load<i32>(p + stride));
  q = i32x4.replace_lane(q, 2, load<i32>(p + 2 * stride));
  return i32x4.replace_lane(q, 3, load<i32>(p + 3 * stride));
}

/** The position (in the row) of the winner of one window of `taps` positions at w. */
// @ts-ignore: decorator
@inline function argmaxOfWindow<T>(row: usize, w: usize, taps: i32): i32 {
  let pick = load<i32>(w);
  let best = <T>-Infinity;
  for (let t = 0; t < taps; t++) {
    const position = load<i32>(w + (<usize>t << 2));
    const v = load<T>(row + <usize>position * sizeof<T>());
    if (v > best || (v != v && best == best)) {
      best = v;
      pick = position;
    }
  }
  return pick;
}
