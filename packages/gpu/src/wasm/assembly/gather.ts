/**
 * gather and its adjoint scatterAdd over float32 / float64, for the layout primitives a convolution's
 * im2col (and a pooling's windows) lean on: y[o, j, i] = x[o, idx[j], i], and
 * y[o, idx[j], i] += u[o, j, i] in the same order as the CPU backend's loop (o, then j, then i), so
 * the sums round exactly as there. Indices are range-checked by the op before the kernel runs.
 */

export function gatherF32(outer: i32, dim: i32, count: i32, inner: i32, x: usize, idx: usize, y: usize): void {
  gather<f32>(outer, dim, count, inner, x, idx, y);
}

export function gatherF64(outer: i32, dim: i32, count: i32, inner: i32, x: usize, idx: usize, y: usize): void {
  gather<f64>(outer, dim, count, inner, x, idx, y);
}

/** Zeroes y's outer·size·inner elements first (in wasm, each share its own rows: a typed-array fill over the shared memory took a third of a max-pooling gradient's time). */
export function scatterAddF32(outer: i32, size: i32, count: i32, inner: i32, u: usize, idx: usize, y: usize): void {
  scatterAdd<f32>(outer, size, count, inner, u, idx, y);
}

export function scatterAddF64(outer: i32, size: i32, count: i32, inner: i32, u: usize, idx: usize, y: usize): void {
  scatterAdd<f64>(outer, size, count, inner, u, idx, y);
}

/** Whether the four indices at p are first, first + 1, first + 2, first + 3. */
// @ts-ignore: decorator
@inline
function consecutive4(p: usize, first: i32): bool {
  return i32x4.all_true(i32x4.eq(v128.load(p), i32x4.add(i32x4.splat(first), i32x4(0, 1, 2, 3))));
}

// @ts-ignore: decorator
@inline
function gather<T>(outer: i32, dim: i32, count: i32, inner: i32, x: usize, idx: usize, y: usize): void {
  const s = <usize>sizeof<T>();
  const plane = <usize>dim * <usize>inner * s;
  const end = idx + (<usize>count << 2);
  if (inner == 1) {
    for (let o = 0; o < outer; o++, x += plane) {
      let p = idx;
      // NOTE: four at a time; four consecutive indices (an im2col's windows along an output row) are
      // one vector load (two in float64) instead of four gathered ones. The tail follows.
      for (; p + 16 <= end; p += 16, y += s << 2) {
        const first = load<i32>(p);
        if (consecutive4(p, first)) {
          const src = x + <usize>first * s;
          v128.store(y, v128.load(src));
          if (s == 8) v128.store(y, v128.load(src, 16), 16);
          continue;
        }
        store<T>(y, load<T>(x + (<usize>first * s)));
        store<T>(y + s, load<T>(x + (<usize>load<i32>(p, 4) * s)));
        store<T>(y + 2 * s, load<T>(x + (<usize>load<i32>(p, 8) * s)));
        store<T>(y + 3 * s, load<T>(x + (<usize>load<i32>(p, 12) * s)));
      }
      for (; p < end; p += 4, y += s) store<T>(y, load<T>(x + (<usize>load<i32>(p) * s)));
    }
    return;
  }
  const row = <usize>inner * s;
  for (let o = 0; o < outer; o++, x += plane) {
    for (let p = idx; p < end; p += 4, y += row) memory.copy(y, x + <usize>load<i32>(p) * row, row);
  }
}

// @ts-ignore: decorator
@inline
function scatterAdd<T>(outer: i32, size: i32, count: i32, inner: i32, u: usize, idx: usize, y: usize): void {
  const s = <usize>sizeof<T>();
  const plane = <usize>size * <usize>inner * s;
  const end = idx + (<usize>count << 2);
  memory.fill(y, 0, <usize>outer * plane);
  if (inner == 1) {
    for (let o = 0; o < outer; o++, y += plane) {
      let p = idx;
      // NOTE: four consecutive indices (a col2im's windows along an output row) are four distinct
      // slots, each added to once here, so one vector add (two in float64) adds in the same order.
      for (; p + 16 <= end; p += 16, u += s << 2) {
        const first = load<i32>(p);
        if (consecutive4(p, first)) {
          const at = y + <usize>first * s;
          if (s == 4) {
            v128.store(at, f32x4.add(v128.load(at), v128.load(u)));
          } else {
            v128.store(at, f64x2.add(v128.load(at), v128.load(u)));
            v128.store(at, f64x2.add(v128.load(at, 16), v128.load(u, 16)), 16);
          }
          continue;
        }
        for (let q: usize = 0; q < 16; q += 4) {
          const at = y + <usize>load<i32>(p + q) * s;
          store<T>(at, load<T>(at) + load<T>(u + (q >> 2) * s));
        }
      }
      for (; p < end; p += 4, u += s) {
        const at = y + <usize>load<i32>(p) * s;
        store<T>(at, load<T>(at) + load<T>(u));
      }
    }
    return;
  }
  const row = <usize>inner * s;
  for (let o = 0; o < outer; o++, y += plane) {
    for (let p = idx; p < end; p += 4) {
      const at = y + <usize>load<i32>(p) * row;
      for (let i: usize = 0; i < row; i += s, u += s) store<T>(at + i, load<T>(at + i) + load<T>(u));
    }
  }
}

/**
 * Moves `planes` planes of h rows × `rowBytes` bytes from x into planes of hp rows × `outRowBytes` at
 * y, starting `top` rows and `leftBytes` bytes in: the copy half of padding the last two axes (the
 * caller has filled y with the padding value). A convolution's padded images.
 */
export function padPlanes(planes: i32, h: i32, rowBytes: i32, hp: i32, outRowBytes: i32, top: i32, leftBytes: i32, x: usize, y: usize): void {
  const inPlane = <usize>h * <usize>rowBytes;
  const outPlane = <usize>hp * <usize>outRowBytes;
  for (let p = 0; p < planes; p++) {
    let src = x + <usize>p * inPlane;
    let dst = y + <usize>p * outPlane + <usize>top * <usize>outRowBytes + <usize>leftBytes;
    for (let r = 0; r < h; r++, src += <usize>rowBytes, dst += <usize>outRowBytes) memory.copy(dst, src, <usize>rowBytes);
  }
}
