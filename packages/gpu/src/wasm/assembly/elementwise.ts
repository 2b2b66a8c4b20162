/**
 * Elementwise kernels and the bias-gradient sum with 128-bit SIMD over float32 (f32x4) and float64
 * (f64x2): the ops that dominate a training step besides matmul (the optimizer's full-size updates,
 * bias adds, relu and its gradient mask).
 *
 * Every result is the one the CPU backend computes: add, sub, mul, div, sqrt, max, min and the
 * comparisons are exact or correctly rounded IEEE operations in both, so only NaN payloads may differ.
 * Op codes are compile-time constants inside each loop: `binary`/`unary` are inlined once per op.
 */

export const ADD: i32 = 0;
export const SUB: i32 = 1;
export const MUL: i32 = 2;
export const DIV: i32 = 3;
export const MAX: i32 = 4;
export const MIN: i32 = 5;
/** Comparisons give 1 where true and 0 where not, in the operands' float type. */
export const GT: i32 = 6;
export const GE: i32 = 7;
export const LT: i32 = 8;
export const LE: i32 = 9;
export const EQ: i32 = 10;
export const NE: i32 = 11;

export const NEG: i32 = 0;
export const RELU: i32 = 1;
export const SQUARE: i32 = 2;
export const ABS: i32 = 3;
export const SQRT: i32 = 4;

/**
 * y[r][c] = a[r·aRow + c·aCol] ∘ b[r·bRow + c·bCol] for r < rows, c < cols (element strides;
 * aCol, bCol ∈ {0, 1}, not both 0): same shapes, a scalar, a row vector (a bias) or a column vector
 * against a matrix. y is dense, rows × cols.
 */
export function binaryF32(op: i32, rows: i32, cols: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, y: usize): void {
  switch (op) {
    case ADD: binary<f32>(ADD, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case SUB: binary<f32>(SUB, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case MUL: binary<f32>(MUL, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case DIV: binary<f32>(DIV, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case MAX: binary<f32>(MAX, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case MIN: binary<f32>(MIN, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case GT: binary<f32>(GT, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case GE: binary<f32>(GE, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case LT: binary<f32>(LT, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case LE: binary<f32>(LE, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case EQ: binary<f32>(EQ, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    default: binary<f32>(NE, rows, cols, a, aRow, aCol, b, bRow, bCol, y);
  }
}

export function binaryF64(op: i32, rows: i32, cols: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, y: usize): void {
  switch (op) {
    case ADD: binary<f64>(ADD, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case SUB: binary<f64>(SUB, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case MUL: binary<f64>(MUL, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case DIV: binary<f64>(DIV, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case MAX: binary<f64>(MAX, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case MIN: binary<f64>(MIN, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case GT: binary<f64>(GT, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case GE: binary<f64>(GE, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case LT: binary<f64>(LT, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case LE: binary<f64>(LE, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    case EQ: binary<f64>(EQ, rows, cols, a, aRow, aCol, b, bRow, bCol, y); break;
    default: binary<f64>(NE, rows, cols, a, aRow, aCol, b, bRow, bCol, y);
  }
}

// @ts-ignore: decorator
@inline function binary<T>(op: i32, rows: i32, cols: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, y: usize): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>size;
  const vectorEnd = cols - cols % lanes;
  for (let r = 0; r < rows; r++) {
    const pa = a + <usize>(r * aRow) * size;
    const pb = b + <usize>(r * bRow) * size;
    const py = y + <usize>(r * cols) * size;
    let c = 0;
    if (aCol == 1 && bCol == 1) {
      for (; c < vectorEnd; c += lanes) {
        const o = <usize>c * size;
        v128.store(py + o, vop<T>(op, v128.load(pa + o), v128.load(pb + o)));
      }
    } else if (aCol == 1) {
      const vb = splat<T>(load<T>(pb));
      for (; c < vectorEnd; c += lanes) {
        const o = <usize>c * size;
        v128.store(py + o, vop<T>(op, v128.load(pa + o), vb));
      }
    } else {
      const va = splat<T>(load<T>(pa));
      for (; c < vectorEnd; c += lanes) {
        const o = <usize>c * size;
        v128.store(py + o, vop<T>(op, va, v128.load(pb + o)));
      }
    }
    for (; c < cols; c++) {
      const x = load<T>(pa + <usize>(c * aCol) * size);
      const w = load<T>(pb + <usize>(c * bCol) * size);
      store<T>(py + <usize>c * size, lane0<T>(vop<T>(op, splat<T>(x), splat<T>(w))));
    }
  }
}

// @ts-ignore: decorator
@inline function splat<T>(x: T): v128 {
  if (sizeof<T>() == 4) return f32x4.splat(<f32>x);
  return f64x2.splat(<f64>x);
}

// @ts-ignore: decorator
@inline function lane0<T>(v: v128): T {
  if (sizeof<T>() == 4) return <T>f32x4.extract_lane(v, 0);
  return <T>f64x2.extract_lane(v, 0);
}

// @ts-ignore: decorator
@inline function vop<T>(op: i32, x: v128, y: v128): v128 {
  if (sizeof<T>() == 4) {
    if (op == ADD) return f32x4.add(x, y);
    if (op == SUB) return f32x4.sub(x, y);
    if (op == MUL) return f32x4.mul(x, y);
    if (op == DIV) return f32x4.div(x, y);
    // NOTE: wasm max/min return NaN for a NaN operand and order −0 below +0, as Math.max/min do.
    if (op == MAX) return f32x4.max(x, y);
    if (op == MIN) return f32x4.min(x, y);
    const one = f32x4.splat(1);
    if (op == GT) return v128.and(f32x4.gt(x, y), one);
    if (op == GE) return v128.and(f32x4.ge(x, y), one);
    if (op == LT) return v128.and(f32x4.lt(x, y), one);
    if (op == LE) return v128.and(f32x4.le(x, y), one);
    if (op == EQ) return v128.and(f32x4.eq(x, y), one);
    return v128.and(f32x4.ne(x, y), one);
  }
  if (op == ADD) return f64x2.add(x, y);
  if (op == SUB) return f64x2.sub(x, y);
  if (op == MUL) return f64x2.mul(x, y);
  if (op == DIV) return f64x2.div(x, y);
  if (op == MAX) return f64x2.max(x, y);
  if (op == MIN) return f64x2.min(x, y);
  const one = f64x2.splat(1);
  if (op == GT) return v128.and(f64x2.gt(x, y), one);
  if (op == GE) return v128.and(f64x2.ge(x, y), one);
  if (op == LT) return v128.and(f64x2.lt(x, y), one);
  if (op == LE) return v128.and(f64x2.le(x, y), one);
  if (op == EQ) return v128.and(f64x2.eq(x, y), one);
  return v128.and(f64x2.ne(x, y), one);
}

/** y[i] = f(x[i]) for i < n: neg, relu (max(x, +0), NaN kept), square, abs, sqrt. */
export function unaryF32(op: i32, n: i32, x: usize, y: usize): void {
  switch (op) {
    case NEG: unary<f32>(NEG, n, x, y); break;
    case RELU: unary<f32>(RELU, n, x, y); break;
    case SQUARE: unary<f32>(SQUARE, n, x, y); break;
    case ABS: unary<f32>(ABS, n, x, y); break;
    default: unary<f32>(SQRT, n, x, y);
  }
}

export function unaryF64(op: i32, n: i32, x: usize, y: usize): void {
  switch (op) {
    case NEG: unary<f64>(NEG, n, x, y); break;
    case RELU: unary<f64>(RELU, n, x, y); break;
    case SQUARE: unary<f64>(SQUARE, n, x, y); break;
    case ABS: unary<f64>(ABS, n, x, y); break;
    default: unary<f64>(SQRT, n, x, y);
  }
}

// @ts-ignore: decorator
@inline function unary<T>(op: i32, n: i32, x: usize, y: usize): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>size;
  const vectorEnd = n - n % lanes;
  let i = 0;
  for (; i < vectorEnd; i += lanes) {
    const o = <usize>i * size;
    v128.store(y + o, uop<T>(op, v128.load(x + o)));
  }
  // The tail goes through the vector op too, so it treats NaN and −0 exactly as the body does.
  for (; i < n; i++) {
    const o = <usize>i * size;
    store<T>(y + o, lane0<T>(uop<T>(op, splat<T>(load<T>(x + o)))));
  }
}

// @ts-ignore: decorator
@inline function uop<T>(op: i32, x: v128): v128 {
  if (sizeof<T>() == 4) {
    if (op == NEG) return f32x4.neg(x);
    // NOTE: max(x, +0): NaN stays NaN and relu(−0) = +0, as on the CPU.
    if (op == RELU) return f32x4.max(x, f32x4.splat(0));
    if (op == SQUARE) return f32x4.mul(x, x);
    if (op == ABS) return f32x4.abs(x);
    return f32x4.sqrt(x);
  }
  if (op == NEG) return f64x2.neg(x);
  if (op == RELU) return f64x2.max(x, f64x2.splat(0));
  if (op == SQUARE) return f64x2.mul(x, x);
  if (op == ABS) return f64x2.abs(x);
  return f64x2.sqrt(x);
}

/**
 * y[c] = Σ_r x[r·cols + c] for c < cols: the sum over the leading axes (a bias gradient). Summed in
 * float64 in row order, as the CPU backend does, so float32 results match it exactly.
 */
export function sumRowsF32(rows: i32, cols: i32, x: usize, y: usize): void {
  const ld = <usize>cols << 2;
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    let p = x + (<usize>c << 2);
    for (let r = 0; r < rows; r++, p += ld) {
      const v = v128.load(p);
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
    }
    const o = y + (<usize>c << 2);
    v128.store64_lane(o, f32x4.demote_f64x2_zero(lo), 0);
    v128.store64_lane(o, f32x4.demote_f64x2_zero(hi), 0, 8);
  }
  for (; c < cols; c++) {
    let acc: f64 = 0;
    let p = x + (<usize>c << 2);
    for (let r = 0; r < rows; r++, p += ld) acc += <f64>load<f32>(p);
    store<f32>(y + (<usize>c << 2), <f32>acc);
  }
}

export function sumRowsF64(rows: i32, cols: i32, x: usize, y: usize): void {
  const ld = <usize>cols << 3;
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    let p = x + (<usize>c << 3);
    for (let r = 0; r < rows; r++, p += ld) {
      lo = f64x2.add(lo, v128.load(p));
      hi = f64x2.add(hi, v128.load(p, 16));
    }
    v128.store(y + (<usize>c << 3), lo);
    v128.store(y + (<usize>c << 3), hi, 16);
  }
  for (; c < cols; c++) {
    let acc: f64 = 0;
    let p = x + (<usize>c << 3);
    for (let r = 0; r < rows; r++, p += ld) acc += load<f64>(p);
    store<f64>(y + (<usize>c << 3), acc);
  }
}

/**
 * y[o] = Σ_r x[o·cols + r] for o < rows, r < cols: the sum over the trailing axes (a squared norm per
 * example, a softmax's denominator, a whole tensor's sum). Each row is summed in float64 from left to
 * right, as the CPU backend does, so the results match it bit for bit in both float types; eight rows go
 * at once (two per f64x2 lane pair), so that their chains of dependent additions overlap.
 */
export function sumTrailingF32(rows: i32, cols: i32, x: usize, y: usize): void {
  sumTrailingOf<f32>(rows, cols, x, y, false);
}

export function sumTrailingF64(rows: i32, cols: i32, x: usize, y: usize): void {
  sumTrailingOf<f64>(rows, cols, x, y, false);
}

/** y[o] = Σ_r x[o·cols + r]², each square exact in float64 and summed as `sumTrailingF32` sums (a squared norm per row). */
export function sumSquaresTrailingF32(rows: i32, cols: i32, x: usize, y: usize): void {
  sumTrailingOf<f32>(rows, cols, x, y, true);
}

/** `sumTrailingF32` / `F64` of x, or of x² (`squared`); T and `squared` are constants where inlined. */
// @ts-ignore: decorator
@inline function sumTrailingOf<T>(rows: i32, cols: i32, x: usize, y: usize, squared: bool): void {
  const shift: usize = sizeof<T>() == 4 ? 2 : 3;
  const lanes = sizeof<T>() == 4 ? 4 : 2;
  const ld = <usize>cols << shift;
  const whole = cols & ~(lanes - 1);
  let o = 0;
  for (; o + 8 <= rows; o += 8) {
    const p = x + <usize>o * ld;
    let a = f64x2.splat(0);
    let b = f64x2.splat(0);
    let c = f64x2.splat(0);
    let d = f64x2.splat(0);
    for (let r = 0; r < whole; r += lanes) {
      const q = p + (<usize>r << shift);
      a = addColumns<T>(a, v128.load(q), v128.load(q + ld), squared);
      b = addColumns<T>(b, v128.load(q + 2 * ld), v128.load(q + 3 * ld), squared);
      c = addColumns<T>(c, v128.load(q + 4 * ld), v128.load(q + 5 * ld), squared);
      d = addColumns<T>(d, v128.load(q + 6 * ld), v128.load(q + 7 * ld), squared);
    }
    const yo = y + (<usize>o << shift);
    storeRows<T>(a, p, whole, cols, ld, yo, squared);
    storeRows<T>(b, p + 2 * ld, whole, cols, ld, yo + 2 * sizeof<T>(), squared);
    storeRows<T>(c, p + 4 * ld, whole, cols, ld, yo + 4 * sizeof<T>(), squared);
    storeRows<T>(d, p + 6 * ld, whole, cols, ld, yo + 6 * sizeof<T>(), squared);
  }
  for (; o < rows; o++) {
    let acc: f64 = 0;
    const p = x + <usize>o * ld;
    for (let r = 0; r < cols; r++) acc += termF64(<f64>load<T>(p + (<usize>r << shift)), squared);
    store<T>(y + (<usize>o << shift), <T>acc);
  }
}

/** v, or v² (exact for a float32 v). */
// @ts-ignore: decorator
@inline function termF64(v: f64, squared: bool): f64 {
  return squared ? v * v : v;
}

/** The lanes of v, or their squares. */
// @ts-ignore: decorator
@inline function termsF64x2(v: v128, squared: bool): v128 {
  return squared ? f64x2.mul(v, v) : v;
}

/**
 * acc (rows u, v in its float64 lanes) plus the next columns of u and v (four float32 or two float64 a
 * vector), or their squares, one column after the other.
 */
// @ts-ignore: decorator
@inline function addColumns<T>(acc: v128, u: v128, v: v128, squared: bool): v128 {
  if (sizeof<T>() == 8) {
    acc = f64x2.add(acc, termsF64x2(v128.shuffle<f64>(u, v, 0, 2), squared));
    return f64x2.add(acc, termsF64x2(v128.shuffle<f64>(u, v, 1, 3), squared));
  }
  const lo = v128.shuffle<f32>(u, v, 0, 4, 1, 5);
  const hi = v128.shuffle<f32>(u, v, 2, 6, 3, 7);
  acc = f64x2.add(acc, termsF64x2(f64x2.promote_low_f32x4(lo), squared));
  acc = f64x2.add(acc, termsF64x2(f64x2.promote_low_f32x4(v128.shuffle<f32>(lo, lo, 2, 3, 0, 1)), squared));
  acc = f64x2.add(acc, termsF64x2(f64x2.promote_low_f32x4(hi), squared));
  return f64x2.add(acc, termsF64x2(f64x2.promote_low_f32x4(v128.shuffle<f32>(hi, hi, 2, 3, 0, 1)), squared));
}

/**
 * Adds the last columns (whole … cols − 1) of the two rows at p and p + ld (or their squares) to acc's
 * lanes, in order, and stores both sums, rounded to T, at y.
 */
// @ts-ignore: decorator
@inline function storeRows<T>(acc: v128, p: usize, whole: i32, cols: i32, ld: usize, y: usize, squared: bool): void {
  const shift: usize = sizeof<T>() == 4 ? 2 : 3;
  let u = f64x2.extract_lane(acc, 0);
  let v = f64x2.extract_lane(acc, 1);
  for (let r = whole; r < cols; r++) {
    u += termF64(<f64>load<T>(p + (<usize>r << shift)), squared);
    v += termF64(<f64>load<T>(p + ld + (<usize>r << shift)), squared);
  }
  store<T>(y, <T>u);
  store<T>(y + sizeof<T>(), <T>v);
}

/**
 * y[o, i] = max (sign 1) or min (sign −1) over d < dim of x[o, d, i], for o < outer, i < inner: the
 * reduction over a run of consecutive axes. As the CPU backend: the first of tied values wins (so of
 * −0 and +0 the earlier one), and the first NaN is kept once met.
 */
export function extremumF32(sign: i32, outer: i32, dim: i32, inner: i32, x: usize, y: usize): void {
  if (inner == 1 && dim == 2) {
    pairsF32(sign, outer, x, y);
    return;
  }
  const row = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const xo = x + <usize>o * <usize>dim * row;
    const yo = y + <usize>o * row;
    let i = 0;
    for (; i + 4 <= inner; i += 4) {
      let p = xo + (<usize>i << 2);
      let best = v128.load(p);
      let nan = f32x4.ne(best, best);
      for (let d = 1; d < dim; d++) {
        p += row;
        const v = v128.load(p);
        const better = sign > 0 ? f32x4.gt(v, best) : f32x4.lt(v, best);
        const vNan = f32x4.ne(v, v);
        best = v128.bitselect(v, best, v128.andnot(v128.or(better, vNan), nan));
        nan = v128.or(nan, vNan);
      }
      v128.store(yo + (<usize>i << 2), best);
    }
    for (; i < inner; i++) {
      let p = xo + (<usize>i << 2);
      let best = load<f32>(p);
      for (let d = 1; d < dim; d++) {
        p += row;
        const v = load<f32>(p);
        if (best == best && (v != v || (sign > 0 ? v > best : v < best))) best = v;
      }
      store<f32>(yo + (<usize>i << 2), best);
    }
  }
}

export function extremumF64(sign: i32, outer: i32, dim: i32, inner: i32, x: usize, y: usize): void {
  if (inner == 1 && dim == 2) {
    pairsF64(sign, outer, x, y);
    return;
  }
  const row = <usize>inner << 3;
  for (let o = 0; o < outer; o++) {
    const xo = x + <usize>o * <usize>dim * row;
    const yo = y + <usize>o * row;
    let i = 0;
    for (; i + 2 <= inner; i += 2) {
      let p = xo + (<usize>i << 3);
      let best = v128.load(p);
      let nan = f64x2.ne(best, best);
      for (let d = 1; d < dim; d++) {
        p += row;
        const v = v128.load(p);
        const better = sign > 0 ? f64x2.gt(v, best) : f64x2.lt(v, best);
        const vNan = f64x2.ne(v, v);
        best = v128.bitselect(v, best, v128.andnot(v128.or(better, vNan), nan));
        nan = v128.or(nan, vNan);
      }
      v128.store(yo + (<usize>i << 3), best);
    }
    for (; i < inner; i++) {
      let p = xo + (<usize>i << 3);
      let best = load<f64>(p);
      for (let d = 1; d < dim; d++) {
        p += row;
        const v = load<f64>(p);
        if (best == best && (v != v || (sign > 0 ? v > best : v < best))) best = v;
      }
      store<f64>(yo + (<usize>i << 3), best);
    }
  }
}

/**
 * y[o, m] = the extremum of x[o, r, m, q] over r < rows and q < cols, taken in row-major (r, q) order:
 * the reduction over two axes with one kept axis between them, as `max(x, [1, 3])` over a pooling's
 * windows viewed as [N·C·Ho, kh, Wo, kw]. One pass instead of two; the first wins ties and the first
 * NaN wins, as in extremumF32 and the CPU kernel. 2×2 windows (LeNet-5's): four outputs a step, each
 * row's pair split by shuffles and picked, then the two rows picked (which picks what the row-major
 * scan picks, with two independent chains).
 */
export function extremum2F32(sign: i32, outer: i32, rows: i32, mid: i32, cols: i32, x: usize, y: usize): void {
  const rowBytes = <usize>(mid * cols) << 2;
  for (let o = 0; o < outer; o++) {
    const xo = x + <usize>o * <usize>rows * rowBytes;
    const yo = y + (<usize>(o * mid) << 2);
    let m = 0;
    if (cols == 2 && rows == 2 && mid >= 4) {
      // NOTE: when 4 does not divide mid, the last step overlaps the one before (the same outputs written
      // twice) rather than leaving windows to the scalar loop, whose data-dependent branches cost more.
      for (; m < mid; m += 4) {
        const at = min(m, mid - 4);
        const p = xo + (<usize>at << 3);
        const q = p + rowBytes;
        const p0 = v128.load(p);
        const p1 = v128.load(p, 16);
        const q0 = v128.load(q);
        const q1 = v128.load(q, 16);
        const top = pickF32(sign, v128.shuffle<f32>(p0, p1, 0, 2, 4, 6), v128.shuffle<f32>(p0, p1, 1, 3, 5, 7));
        const bottom = pickF32(sign, v128.shuffle<f32>(q0, q1, 0, 2, 4, 6), v128.shuffle<f32>(q0, q1, 1, 3, 5, 7));
        v128.store(yo + (<usize>at << 2), pickF32(sign, top, bottom));
      }
      m = mid;
    }
    windowsFrom<f32>(sign, m, rows, mid, cols, rowBytes, xo, yo);
  }
}

/** `extremum2F32` in float64 (two outputs a step for 2×2 windows). */
export function extremum2F64(sign: i32, outer: i32, rows: i32, mid: i32, cols: i32, x: usize, y: usize): void {
  const rowBytes = <usize>(mid * cols) << 3;
  for (let o = 0; o < outer; o++) {
    const xo = x + <usize>o * <usize>rows * rowBytes;
    const yo = y + (<usize>(o * mid) << 3);
    let m = 0;
    if (cols == 2 && rows == 2 && mid >= 2) {
      for (; m < mid; m += 2) {
        const at = min(m, mid - 2);
        const p = xo + (<usize>at << 4);
        const q = p + rowBytes;
        const p0 = v128.load(p);
        const p1 = v128.load(p, 16);
        const q0 = v128.load(q);
        const q1 = v128.load(q, 16);
        const top = pickF64(sign, v128.shuffle<f64>(p0, p1, 0, 2), v128.shuffle<f64>(p0, p1, 1, 3));
        const bottom = pickF64(sign, v128.shuffle<f64>(q0, q1, 0, 2), v128.shuffle<f64>(q0, q1, 1, 3));
        v128.store(yo + (<usize>at << 3), pickF64(sign, top, bottom));
      }
      m = mid;
    }
    windowsFrom<f64>(sign, m, rows, mid, cols, rowBytes, xo, yo);
  }
}

/** The windows m0 … mid − 1 of one outer row, element by element, in row-major (r, q) order. */
// @ts-ignore: decorator
@inline function windowsFrom<T>(sign: i32, m0: i32, rows: i32, mid: i32, cols: i32, rowBytes: usize, xo: usize, yo: usize): void {
  const s = <usize>sizeof<T>();
  for (let m = m0; m < mid; m++) {
    let best = load<T>(xo + <usize>(m * cols) * s);
    for (let r = 0; r < rows; r++) {
      const p = xo + <usize>r * rowBytes + <usize>(m * cols) * s;
      for (let q = r == 0 ? 1 : 0; q < cols; q++) best = pickScalar<T>(sign, best, load<T>(p + <usize>q * s));
    }
    store<T>(yo + <usize>m * s, best);
  }
}

/** a where b is not more extreme and not a NaN that a is not (a comes first): lane by lane. */
// @ts-ignore: decorator
@inline function pickF32(sign: i32, a: v128, b: v128): v128 {
  const better = sign > 0 ? f32x4.gt(b, a) : f32x4.lt(b, a);
  return v128.bitselect(b, a, v128.or(better, v128.andnot(f32x4.ne(b, b), f32x4.ne(a, a))));
}

/** `pickF32` in float64. */
// @ts-ignore: decorator
@inline function pickF64(sign: i32, a: v128, b: v128): v128 {
  const better = sign > 0 ? f64x2.gt(b, a) : f64x2.lt(b, a);
  return v128.bitselect(b, a, v128.or(better, v128.andnot(f64x2.ne(b, b), f64x2.ne(a, a))));
}

/** `pickF32` for one value. */
// @ts-ignore: decorator
@inline function pickScalar<T>(sign: i32, a: T, b: T): T {
  return a == a && (b != b || (sign > 0 ? b > a : b < a)) ? b : a;
}

/**
 * y[o] = the extremum of the pair x[2o], x[2o + 1] (a 2-wide pooling window's row): evens and odds
 * split by shuffles, four pairs a step; the first wins ties and a NaN wins, as in extremumF32.
 */
function pairsF32(sign: i32, count: i32, x: usize, y: usize): void {
  let o = 0;
  for (; o + 4 <= count; o += 4) {
    const p = x + (<usize>o << 3);
    const lo = v128.load(p);
    const hi = v128.load(p, 16);
    const a = v128.shuffle<f32>(lo, hi, 0, 2, 4, 6);
    const b = v128.shuffle<f32>(lo, hi, 1, 3, 5, 7);
    const better = sign > 0 ? f32x4.gt(b, a) : f32x4.lt(b, a);
    const takeB = v128.or(better, v128.andnot(f32x4.ne(b, b), f32x4.ne(a, a)));
    v128.store(y + (<usize>o << 2), v128.bitselect(b, a, takeB));
  }
  for (; o < count; o++) {
    const a = load<f32>(x + (<usize>o << 3));
    const b = load<f32>(x + (<usize>o << 3), 4);
    store<f32>(y + (<usize>o << 2), a == a && (b != b || (sign > 0 ? b > a : b < a)) ? b : a);
  }
}

function pairsF64(sign: i32, count: i32, x: usize, y: usize): void {
  let o = 0;
  for (; o + 2 <= count; o += 2) {
    const p = x + (<usize>o << 4);
    const lo = v128.load(p);
    const hi = v128.load(p, 16);
    const a = v128.shuffle<f64>(lo, hi, 0, 2);
    const b = v128.shuffle<f64>(lo, hi, 1, 3);
    const better = sign > 0 ? f64x2.gt(b, a) : f64x2.lt(b, a);
    const takeB = v128.or(better, v128.andnot(f64x2.ne(b, b), f64x2.ne(a, a)));
    v128.store(y + (<usize>o << 3), v128.bitselect(b, a, takeB));
  }
  for (; o < count; o++) {
    const a = load<f64>(x + (<usize>o << 4));
    const b = load<f64>(x + (<usize>o << 4), 8);
    store<f64>(y + (<usize>o << 3), a == a && (b != b || (sign > 0 ? b > a : b < a)) ? b : a);
  }
}
