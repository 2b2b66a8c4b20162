/**
 * gatherArgmax over float32 / float64: y[r, l] = r·P + windows[l, t*] for x [R, P] and i32 windows
 * [L, T] (entries in [0, P), checked by the op), t* the first t at which x[r, windows[l, t]] is
 * largest, NaN counting as larger than everything (the first NaN wins), t* = 0 when all are −∞: the
 * comparisons of the CPU backend's kernel in its order, so the positions are its own. y is i32.
 *
 * float32: four windows at once, one per lane (compare, then `bitselect` of the value and its
 * position). NOTE: not scalar `select`: V8 compiles it to a branch, which on data goes either way at
 * random; the scalar loop (float64, and the windows left over) ran 4–6× slower than the vector one.
 * Once the best is NaN nothing replaces it, which is the CPU loop's `break` at the first NaN: a lane
 * takes v where the best is a number and v is not ≤ it (larger, or NaN), !(v ≤ best) ∧ best = best.
 * A 2 × 2 pooling at stride 2 (the windows checked to be one) takes `pool2x2ArgmaxF32`.
 */

export function gatherArgmaxF32(rows: i32, plane: i32, count: i32, taps: i32, x: usize, windows: usize, y: usize): void {
  const across = pooling2x2Across(count, taps, windows);
  if (across >= 4) {
    pool2x2ArgmaxF32(rows, plane, count, across, x, windows, y);
    return;
  }
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
        const take = v128.andnot(f32x4.eq(best, best), f32x4.le(v, best));
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

/**
 * Windows a row of a 2 × 2 max-pooling at stride 2 has (`across`), when the count × taps windows at
 * `windows` are exactly such a pooling's: window l = oy·across + ox holds s + 2·oy·w + 2·ox + (0, 1, w,
 * w + 1), in that tap order, for the first window's start s and an input row of w entries (w ≥ 2);
 * else 0. One pass over the windows (784 entries for LeNet-5's first pooling).
 */
function pooling2x2Across(count: i32, taps: i32, windows: usize): i32 {
  if (taps != 4 || count < 1) return 0;
  const start = load<i32>(windows);
  const width = load<i32>(windows, 8) - start;
  if (width < 2) return 0;
  let across = 1;
  while (across < count && load<i32>(windows + (<usize>across << 4)) == start + 2 * across) across++;
  if (count % across != 0) return 0;
  let w = windows;
  for (let oy = 0; oy < count / across; oy++) {
    for (let ox = 0; ox < across; ox++, w += 16) {
      const s = start + 2 * oy * width + 2 * ox;
      if (load<i32>(w) != s || load<i32>(w, 4) != s + 1 || load<i32>(w, 8) != s + width || load<i32>(w, 12) != s + width + 1) return 0;
    }
  }
  return across;
}

/**
 * gatherArgmaxF32 for a 2 × 2 pooling at stride 2 (`pooling2x2Across` windows a row, ≥ 4): four
 * windows at once from two vector loads of each of their two input rows (the even entries are the
 * windows' left taps, the odd ones their right), compared in the windows' tap order as the general
 * scan compares them, so the positions are the same. A row of windows not a multiple of 4 ends with
 * four that overlap the ones before (computed twice, the same).
 */
function pool2x2ArgmaxF32(rows: i32, plane: i32, count: i32, across: i32, x: usize, windows: usize, y: usize): void {
  const start = load<i32>(windows);
  const width = load<i32>(windows, 8) - start;
  const down = <usize>width << 2;
  const steps = i32x4(0, 2, 4, 6);
  const right = i32x4.splat(1);
  const below = i32x4.splat(width);
  const belowRight = i32x4.splat(width + 1);
  for (let r = 0; r < rows; r++) {
    const base = r * plane;
    const row = x + (<usize>base << 2);
    for (let oy = 0; oy < count / across; oy++) {
      const out = y + (<usize>(r * count + oy * across) << 2);
      const first = start + 2 * oy * width;
      for (let ox = 0; ox < across; ox += 4) {
        const o = min(ox, across - 4);
        const s = first + 2 * o;
        const p = row + (<usize>s << 2);
        const a = v128.load(p);
        const b = v128.load(p, 16);
        const c = v128.load(p + down);
        const d = v128.load(p + down, 16);
        let best = v128.shuffle<f32>(a, b, 0, 2, 4, 6);
        const at0 = i32x4.add(i32x4.splat(base + s), steps);
        let at = at0;
        let v = v128.shuffle<f32>(a, b, 1, 3, 5, 7);
        let take = v128.andnot(f32x4.eq(best, best), f32x4.le(v, best));
        best = v128.bitselect(v, best, take);
        at = v128.bitselect(i32x4.add(at0, right), at, take);
        v = v128.shuffle<f32>(c, d, 0, 2, 4, 6);
        take = v128.andnot(f32x4.eq(best, best), f32x4.le(v, best));
        best = v128.bitselect(v, best, take);
        at = v128.bitselect(i32x4.add(at0, below), at, take);
        v = v128.shuffle<f32>(c, d, 1, 3, 5, 7);
        take = v128.andnot(f32x4.eq(best, best), f32x4.le(v, best));
        at = v128.bitselect(i32x4.add(at0, belowRight), at, take);
        v128.store(out + (<usize>o << 2), at);
      }
    }
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
