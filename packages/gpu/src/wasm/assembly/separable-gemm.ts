/**
 * A gathered product whose indices separate, y[i] = A·B_i with B_i[kk][p] = x[i·l + idx[kk·n + p]] and
 * idx[kk·n + p] = base[p] + off[kk] (or, for a few "constant" rows, one index for every p): a
 * convolution's im2col at any stride and dilation over a padded image (base[p] where output position p's
 * window starts, off[kk] the tap's place in the window) with its bias row (the appended 1). Such a
 * product needs no packed B at all: a register tile reads its four columns' entries straight from the
 * image, four pointers plus one offset a step (an indirect GEMM, as XNNPACK's indirection buffers).
 *
 * The tile is 4 columns of y (output positions) × NR rows (filters: 8 float32, 4 float64), computed as
 * yᵀ = B_iᵀ·Aᵀ: Aᵀ is packed once per call into panels of NR filters (the separable rows first, in
 * `order`), each position's entries are splat from the image, and the 4 × NR accumulators are stored
 * transposed, four positions of one filter per vector. The constant rows (the bias) start the
 * accumulators. Against sgemmGathered, which packs k × n entries of every image before it multiplies,
 * LeNet-5's inference (batch 256) lost its packing, a fifth of the time.
 * @see M. Dukhan, "The indirect convolution algorithm", 2019 (arXiv:1907.02129)
 */

/** Bytes in one row of a packed Aᵀ panel: two vectors, NR = PANEL / sizeof<T>() filters. */
const PANEL: i32 = 32;
/** Output positions per tile. */
const COLUMNS: i32 = 4;

/**
 * Works out whether the k × n indices at idx separate (see above) and writes the plan `sgemmSeparable`
 * reads, (n + 2k) i32s at plan: each column's base (n), the order of the rows, separable ones first
 * (k), each row's offset (k: off[kk] for a separable row, its one index for a constant one), in
 * bytes: a separable row kk reads x at base[p] + off[kk] = idx[kk·n + p]·size. Returns the number of
 * separable rows, or −1 when the indices do not separate.
 */
export function planSeparable(n: i32, k: i32, idx: usize, plan: usize, size: i32): i32 {
  let first = -1; // the first row that is not constant: its indices are the bases
  for (let kk = 0; kk < k && first < 0; kk++) if (!rowIsConstant(n, idx + (<usize>(kk * n) << 2))) first = kk;
  const baseRow = idx + (<usize>(max(first, 0) * n) << 2);
  const base0 = load<i32>(baseRow);
  for (let p = 0; p < n; p++) store<i32>(plan + (<usize>p << 2), first < 0 ? 0 : load<i32>(baseRow + (<usize>p << 2)) * size);
  const order = plan + (<usize>n << 2);
  const offsets = order + (<usize>k << 2);
  let separable = 0;
  let constant = k - 1; // constant rows fill the order from its end, then are put back in row order
  for (let kk = 0; kk < k; kk++) {
    const row = idx + (<usize>(kk * n) << 2);
    const start = load<i32>(row);
    if (first >= 0 && rowIsShifted(n, row, baseRow, start - base0)) {
      store<i32>(order + (<usize>separable << 2), kk);
      store<i32>(offsets + (<usize>separable << 2), (start - base0) * size);
      separable++;
    } else if (rowIsConstant(n, row)) {
      store<i32>(order + (<usize>constant << 2), kk);
      store<i32>(offsets + (<usize>constant << 2), start * size);
      constant--;
    } else {
      return -1;
    }
  }
  reverse(order + (<usize>separable << 2), k - separable);
  reverse(offsets + (<usize>separable << 2), k - separable);
  return separable;
}

/** Bytes of the plan `planSeparable` writes. */
export function separablePlanBytes(n: i32, k: i32): i32 {
  return (n + 2 * k) * 4;
}

/** Bytes of packed panels and scratch one share of `sgemmSeparable` / `dgemmSeparable` needs. */
export function separableWorkBytes(m: i32, k: i32, size: i32): i32 {
  const nr = PANEL / size;
  return ((m + nr - 1) / nr) * k * PANEL + COLUMNS * PANEL;
}

/**
 * One thread's share of y[i] = A·B_i for a separable gather (planned by `planSeparable`, `separable`
 * its result, ≥ 0), float32: i in [batch0, batch1), rows (filters) [row0, row1), columns (positions)
 * [col0, col1). A is m × k; x holds the batch's rows of l elements; y[i] at c + i·m·n elements.
 */
export function sgemmSeparable(m: i32, n: i32, k: i32, separable: i32, l: i32, a: usize, x: usize, plan: usize, c: usize, work: usize,
  batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  gemmSeparable<f32>(m, n, k, separable, l, a, x, plan, c, work, batch0, batch1, row0, row1, col0, col1);
}

/** `sgemmSeparable` in float64. */
export function dgemmSeparable(m: i32, n: i32, k: i32, separable: i32, l: i32, a: usize, x: usize, plan: usize, c: usize, work: usize,
  batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  gemmSeparable<f64>(m, n, k, separable, l, a, x, plan, c, work, batch0, batch1, row0, row1, col0, col1);
}

// @ts-ignore: decorator
@inline function gemmSeparable<T>(m: i32, n: i32, k: i32, separable: i32, l: i32, a: usize, x: usize, plan: usize, c: usize, work: usize,
  batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  const size = <i32>sizeof<T>();
  const nr = PANEL / size;
  const order = plan + (<usize>n << 2);
  const offsets = order + (<usize>k << 2);
  const panels = (row1 - row0 + nr - 1) / nr;
  const scratch = work + <usize>(panels * k * PANEL);
  packFilters<T>(k, a, order, row0, row1, work);
  const ldc = <usize>(n * size);
  const width = col1 - col0;
  for (let i = batch0; i < batch1; i++) {
    const xi = x + <usize>i * <usize>l * <usize>size;
    const ci = c + <usize>i * <usize>(m * n) * <usize>size;
    for (let q = 0; q < panels; q++) {
      const o0 = row0 + q * nr;
      const filters = min(nr, row1 - o0);
      const bp = work + <usize>(q * k * PANEL);
      const cq = ci + <usize>o0 * ldc;
      // the constant rows' part, the same for every position: where the accumulators start
      const start0 = constantPart<T>(xi, offsets, separable, k, bp);
      const start1 = constantPart<T>(xi, offsets, separable, k, bp + 16);
      if (width >= COLUMNS) {
        for (let p = col0; p < col1; p += COLUMNS) {
          // NOTE: the last tile overlaps the one before rather than running ragged: its columns are written twice, the same values.
          const p0 = min(p, col1 - COLUMNS);
          const pointers = plan + (<usize>p0 << 2);
          tileSeparable<T>(xi + <usize>load<i32>(pointers), xi + <usize>load<i32>(pointers, 4), xi + <usize>load<i32>(pointers, 8), xi + <usize>load<i32>(pointers, 12),
            offsets, bp, separable, start0, start1, cq + <usize>(p0 * size), ldc, filters, false);
        }
      } else {
        // fewer than 4 columns: the missing ones repeat the last, computed into the scratch and not stored
        const last = col1 - 1;
        const b0 = xi + <usize>load<i32>(plan + (<usize>col0 << 2));
        const b1 = xi + <usize>load<i32>(plan + (<usize>min(col0 + 1, last) << 2));
        const b2 = xi + <usize>load<i32>(plan + (<usize>min(col0 + 2, last) << 2));
        tileSeparable<T>(b0, b1, b2, b2, offsets, bp, separable, start0, start1, scratch, <usize>(COLUMNS * size), filters, true);
        for (let f = 0; f < filters; f++) {
          for (let j = 0; j < width; j++) {
            const o = <usize>(j * size);
            store<T>(cq + <usize>f * ldc + <usize>(col0 * size) + o, load<T>(scratch + <usize>(f * COLUMNS * size) + o));
          }
        }
      }
    }
  }
}

/**
 * The constant rows' part of an image's products, Σ_t x[off[t]]·panel[t] over the rows t in
 * [separable, k) (each reads one entry of the image), for the half-panel of filters at `half` (the
 * panel's first 16 bytes, or its last 16): the same for every position.
 */
// @ts-ignore: decorator
@inline function constantPart<T>(xi: usize, offsets: usize, separable: i32, k: i32, half: usize): v128 {
  let sum = i32x4.splat(0);
  for (let t = separable; t < k; t++) {
    sum = add<T>(sum, mul<T>(splat<T>(xi + <usize>load<i32>(offsets + (<usize>t << 2))), v128.load(half + <usize>(t * PANEL))));
  }
  return sum;
}

/**
 * Rows [row0, row1) of A (m × k) as panels of NR filters, each panel k rows of PANEL bytes in `order`:
 * panel[t][j] = A[row0 + q·NR + j][order[t]], filters past row1 zero.
 */
function packFilters<T>(k: i32, a: usize, order: usize, row0: i32, row1: i32, dst: usize): void {
  const size = <i32>sizeof<T>();
  const nr = PANEL / size;
  for (let o0 = row0, q = 0; o0 < row1; o0 += nr, q++) {
    const panel = dst + <usize>(q * k * PANEL);
    for (let t = 0; t < k; t++) {
      const kk = load<i32>(order + (<usize>t << 2));
      const out = panel + <usize>(t * PANEL);
      for (let j = 0; j < nr; j++) {
        const o = o0 + j;
        store<T>(out + <usize>(j * size), o < row1 ? load<T>(a + <usize>(o * k + kk) * <usize>size) : <T>0);
      }
    }
  }
}

/**
 * Four output positions (their bases b0…b3 in the image) × one panel of filters over the separable
 * rows, from the accumulators' start; stored transposed, filter f's four positions at c + f·ldc
 * (`filters` of them), or, for `scratch`, the same layout with ldc = 4 elements.
 */
// @ts-ignore: decorator
@inline function tileSeparable<T>(b0: usize, b1: usize, b2: usize, b3: usize, offsets: usize, bp: usize, steps: i32,
  start0: v128, start1: v128, c: usize, ldc: usize, filters: i32, scratch: bool): void {
  let c00 = start0, c01 = start1;
  let c10 = start0, c11 = start1;
  let c20 = start0, c21 = start1;
  let c30 = start0, c31 = start1;
  const end = offsets + (<usize>steps << 2);
  for (let o = offsets; o < end; o += 4, bp += 32) {
    const off = <usize>load<i32>(o);
    const w0 = v128.load(bp);
    const w1 = v128.load(bp, 16);
    let v = splat<T>(b0 + off);
    c00 = add<T>(c00, mul<T>(v, w0));
    c01 = add<T>(c01, mul<T>(v, w1));
    v = splat<T>(b1 + off);
    c10 = add<T>(c10, mul<T>(v, w0));
    c11 = add<T>(c11, mul<T>(v, w1));
    v = splat<T>(b2 + off);
    c20 = add<T>(c20, mul<T>(v, w0));
    c21 = add<T>(c21, mul<T>(v, w1));
    v = splat<T>(b3 + off);
    c30 = add<T>(c30, mul<T>(v, w0));
    c31 = add<T>(c31, mul<T>(v, w1));
  }
  if (sizeof<T>() == 4) {
    // c_r0 holds position r's filters 0–3, c_r1 its filters 4–7: four 4 × 4 transposes give each filter's positions
    const count = scratch ? 8 : filters;
    storeFilters4F32(c00, c10, c20, c30, c, ldc, count);
    if (count > 4) storeFilters4F32(c01, c11, c21, c31, c + (ldc << 2), ldc, count - 4);
  } else {
    storeFiltersF64(c00, c01, c10, c11, c20, c21, c30, c31, c, ldc, scratch ? 4 : filters);
  }
}

/**
 * Filters f < min(4, filters) of four positions' vectors r0…r3 (lane f = filter f): filter f's
 * positions at c + f·ldc.
 */
// @ts-ignore: decorator
@inline function storeFilters4F32(r0: v128, r1: v128, r2: v128, r3: v128, c: usize, ldc: usize, filters: i32): void {
  const a = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const b = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const e = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const d = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(c, v128.shuffle<f32>(a, e, 0, 1, 4, 5));
  if (filters > 1) v128.store(c + ldc, v128.shuffle<f32>(a, e, 2, 3, 6, 7));
  if (filters > 2) v128.store(c + 2 * ldc, v128.shuffle<f32>(b, d, 0, 1, 4, 5));
  if (filters > 3) v128.store(c + 3 * ldc, v128.shuffle<f32>(b, d, 2, 3, 6, 7));
}

/**
 * The float64 tile's accumulators (c_r0 position r's filters 0–1, c_r1 its filters 2–3) stored
 * transposed: filter f's four positions at c + f·ldc, f < filters.
 */
// @ts-ignore: decorator
@inline function storeFiltersF64(c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128, c: usize, ldc: usize, filters: i32): void {
  v128.store(c, v128.shuffle<f64>(c00, c10, 0, 2));
  v128.store(c, v128.shuffle<f64>(c20, c30, 0, 2), 16);
  if (filters > 1) {
    v128.store(c + ldc, v128.shuffle<f64>(c00, c10, 1, 3));
    v128.store(c + ldc, v128.shuffle<f64>(c20, c30, 1, 3), 16);
  }
  if (filters > 2) {
    v128.store(c + 2 * ldc, v128.shuffle<f64>(c01, c11, 0, 2));
    v128.store(c + 2 * ldc, v128.shuffle<f64>(c21, c31, 0, 2), 16);
  }
  if (filters > 3) {
    v128.store(c + 3 * ldc, v128.shuffle<f64>(c01, c11, 1, 3));
    v128.store(c + 3 * ldc, v128.shuffle<f64>(c21, c31, 1, 3), 16);
  }
}

/**
 * Output positions of a row tile: one float32 vector. (Eight, in two vectors, made 12 accumulators that
 * V8 spilled: C1 of LeNet-5 at batch 32 took 0.32 ms against 0.21 ms with four and 0.24 ms with the
 * filters in the lanes.)
 */
const ROW_POSITIONS: i32 = 4;

/**
 * The row tiles of `sgemmSeparableRows` for n positions (planSeparable's bases, in bytes, at plan):
 * each maximal run of positions whose bases step by one float32 entry (an output row at stride 1) in
 * runs of 4, the last 4 of a run overlapping the one before when its length is not a multiple of 4.
 * Writes the tiles' first positions at `tiles` (n i32s at most) and returns their count, or −1 when a
 * run is shorter than 4 (rows too short, a stride above 1): such products keep `sgemmSeparable`.
 */
export function planRowTiles(n: i32, plan: usize, tiles: usize): i32 {
  let count = 0;
  for (let r0 = 0; r0 < n;) {
    let r1 = r0 + 1;
    while (r1 < n && load<i32>(plan + (<usize>r1 << 2)) == load<i32>(plan + (<usize>(r1 - 1) << 2)) + 4) r1++;
    if (r1 - r0 < ROW_POSITIONS) return -1;
    for (let p = r0; p < r1; p += ROW_POSITIONS, count++) store<i32>(tiles + (<usize>count << 2), min(p, r1 - ROW_POSITIONS));
    r0 = r1;
  }
  return count;
}

/**
 * `sgemmSeparable` for at most 6 filters (m ≤ 6) with positions in the vectors' lanes instead of
 * filters: a tile is 4 consecutive positions of an output row (planRowTiles' `tileCount` tiles at
 * `tiles`) × every filter, each tap one vector load of x (the row's entries are consecutive) and one
 * splat weight a filter. The filters-in-lanes tile fills 6 of its 8 lanes for LeNet-5's C1 (6
 * filters); this one fills all of them (C1 at batch 32: 0.24 → 0.21 ms). Each output sums as there
 * (the constant rows' part, then the separable rows in order, a product and an add each), so the two
 * give the same bits. Images [batch0, batch1), every position.
 */
export function sgemmSeparableRows(m: i32, n: i32, k: i32, separable: i32, l: i32, a: usize, x: usize, plan: usize, tiles: usize, tileCount: i32,
  c: usize, work: usize, batch0: i32, batch1: i32): void {
  const order = plan + (<usize>n << 2);
  const offsets = order + (<usize>k << 2);
  packFilters<f32>(k, a, order, 0, m, work);
  const ldc = <usize>n << 2;
  for (let i = batch0; i < batch1; i++) {
    const xi = x + <usize>i * <usize>l * 4;
    const ci = c + <usize>i * <usize>m * ldc;
    // the constant rows' part, filters in lanes, as sgemmSeparable starts its accumulators
    const start0 = constantPart<f32>(xi, offsets, separable, k, work);
    const start1 = constantPart<f32>(xi, offsets, separable, k, work + 16);
    for (let q = 0; q < tileCount; q++) {
      const p0 = load<i32>(tiles + (<usize>q << 2));
      tileRows(xi + <usize>load<i32>(plan + (<usize>p0 << 2)), offsets, work, separable, start0, start1, ci + (<usize>p0 << 2), ldc, m);
    }
  }
}

/**
 * Four positions whose entries start at `row` (then one float32 apart) × the panel's first 6 filters
 * over the separable rows, from the constant rows' part (start0: filters 0–3, start1: 4–7); filter f's
 * four outputs stored at c + f·ldc, f < filters.
 */
// @ts-ignore: decorator
@inline function tileRows(row: usize, offsets: usize, bp: usize, steps: i32, start0: v128, start1: v128, c: usize, ldc: usize, filters: i32): void {
  let c0 = f32x4.splat(f32x4.extract_lane(start0, 0));
  let c1 = f32x4.splat(f32x4.extract_lane(start0, 1));
  let c2 = f32x4.splat(f32x4.extract_lane(start0, 2));
  let c3 = f32x4.splat(f32x4.extract_lane(start0, 3));
  let c4 = f32x4.splat(f32x4.extract_lane(start1, 0));
  let c5 = f32x4.splat(f32x4.extract_lane(start1, 1));
  const end = offsets + (<usize>steps << 2);
  for (let o = offsets; o < end; o += 4, bp += PANEL) {
    const x0 = v128.load(row + <usize>load<i32>(o));
    c0 = f32x4.add(c0, f32x4.mul(x0, v128.load32_splat(bp)));
    c1 = f32x4.add(c1, f32x4.mul(x0, v128.load32_splat(bp + 4)));
    c2 = f32x4.add(c2, f32x4.mul(x0, v128.load32_splat(bp + 8)));
    c3 = f32x4.add(c3, f32x4.mul(x0, v128.load32_splat(bp + 12)));
    c4 = f32x4.add(c4, f32x4.mul(x0, v128.load32_splat(bp + 16)));
    c5 = f32x4.add(c5, f32x4.mul(x0, v128.load32_splat(bp + 20)));
  }
  v128.store(c, c0);
  if (filters > 1) v128.store(c + ldc, c1);
  if (filters > 2) v128.store(c + 2 * ldc, c2);
  if (filters > 3) v128.store(c + 3 * ldc, c3);
  if (filters > 4) v128.store(c + 4 * ldc, c4);
  if (filters > 5) v128.store(c + 5 * ldc, c5);
}

/** Bytes of the packed g that `packGradientsF32` / `F64` (gemm.ts) write for `sgemmSeparableGradA`. */
export function separableGradWorkBytes(m: i32, batch: i32, positions: i32, size: i32): i32 {
  const nr = PANEL / size;
  return ((m + nr - 1) / nr) * batch * positions * PANEL;
}

/**
 * One thread's share of y[o][kk] = Σ_i Σ_p g[i][o][p]·x[i·l + idx[kk·positions + p]]
 * (gatherMatmulGradA: a convolution's filter gradient) for indices that separate (planSeparable's plan
 * and count), float32: the separable rows order[t] for t in [tap0, tap1) (tap0 a multiple of 4), every
 * filter, and with `constants` the constant rows too. g comes packed by packGradientsF32 (gemm.ts);
 * y is m × k. A register tile of 4 rows (taps) × NR filters sums over every image and position in
 * turn, the taps' entries read straight from x (one pointer a position, four fixed offsets): no
 * columns gathered, no product per image, each entry summed in the same order however the taps are
 * shared out.
 */
export function sgemmSeparableGradA(m: i32, batch: i32, positions: i32, k: i32, separable: i32, l: i32, x: usize, plan: usize, packed: usize, y: usize,
  tap0: i32, tap1: i32, constants: bool): void {
  gemmSeparableGradA<f32>(m, batch, positions, k, separable, l, x, plan, packed, y, tap0, tap1, constants);
}

/** `sgemmSeparableGradA` in float64. */
export function dgemmSeparableGradA(m: i32, batch: i32, positions: i32, k: i32, separable: i32, l: i32, x: usize, plan: usize, packed: usize, y: usize,
  tap0: i32, tap1: i32, constants: bool): void {
  gemmSeparableGradA<f64>(m, batch, positions, k, separable, l, x, plan, packed, y, tap0, tap1, constants);
}

// @ts-ignore: decorator
@inline function gemmSeparableGradA<T>(m: i32, batch: i32, positions: i32, k: i32, separable: i32, l: i32, x: usize, plan: usize, packed: usize, y: usize,
  tap0: i32, tap1: i32, constants: bool): void {
  const size = <i32>sizeof<T>();
  const nr = PANEL / size;
  const order = plan + (<usize>positions << 2);
  const offsets = order + (<usize>k << 2);
  const imageBytes = <usize>l * <usize>size;
  const panelBytes = <usize>(positions * PANEL);
  const packedImageBytes = <usize>((m + nr - 1) / nr) * panelBytes;
  for (let o0 = 0, q = 0; o0 < m; o0 += nr, q++) {
    const filters = min(nr, m - o0);
    const gq = packed + <usize>q * panelBytes;
    const yq = y + <usize>(o0 * k * size);
    for (let t = tap0; t < tap1; t += COLUMNS) {
      // NOTE: past tap1 the last tap repeats (in bounds), computed and not stored
      const last = tap1 - 1;
      const t1 = min(t + 1, last);
      const t2 = min(t + 2, last);
      const t3 = min(t + 3, last);
      tileSeparableGradA<T>(x, imageBytes, plan, gq, packedImageBytes, batch, positions,
        <usize>load<i32>(offsets + (<usize>t << 2)), <usize>load<i32>(offsets + (<usize>t1 << 2)),
        <usize>load<i32>(offsets + (<usize>t2 << 2)), <usize>load<i32>(offsets + (<usize>t3 << 2)),
        yq, k, order + (<usize>t << 2), min(COLUMNS, tap1 - t), filters);
    }
    if (!constants) continue;
    // a constant row reads one entry of each image: Σ_i x_i[c]·Σ_p g[i][o][p]
    for (let t = separable; t < k; t++) {
      const at = <usize>load<i32>(offsets + (<usize>t << 2));
      let acc0 = i32x4.splat(0);
      let acc1 = i32x4.splat(0);
      for (let i = 0; i < batch; i++) {
        let row = gq + <usize>i * packedImageBytes;
        let s0 = i32x4.splat(0);
        let s1 = i32x4.splat(0);
        for (let p = 0; p < positions; p++, row += PANEL) {
          s0 = add<T>(s0, v128.load(row));
          s1 = add<T>(s1, v128.load(row, 16));
        }
        const v = splat<T>(x + <usize>i * imageBytes + at);
        acc0 = add<T>(acc0, mul<T>(v, s0));
        acc1 = add<T>(acc1, mul<T>(v, s1));
      }
      const kk = load<i32>(order + (<usize>t << 2));
      storeColumn<T>(acc0, acc1, yq + <usize>(kk * size), <usize>(k * size), filters);
    }
  }
}

/**
 * Four taps (offsets o0…o3 from each position's base) × one panel of filters, summed over every image
 * and position, stored into y: tap `order[t]`'s column, `filters` rows of k elements, for t < taps.
 */
// @ts-ignore: decorator
@inline function tileSeparableGradA<T>(x: usize, imageBytes: usize, bases: usize, gq: usize, packedImageBytes: usize, batch: i32, positions: i32,
  o0: usize, o1: usize, o2: usize, o3: usize, yq: usize, k: i32, order: usize, taps: i32, filters: i32): void {
  let c00 = i32x4.splat(0), c01 = i32x4.splat(0);
  let c10 = i32x4.splat(0), c11 = i32x4.splat(0);
  let c20 = i32x4.splat(0), c21 = i32x4.splat(0);
  let c30 = i32x4.splat(0), c31 = i32x4.splat(0);
  const basesEnd = bases + (<usize>positions << 2);
  for (let i = 0; i < batch; i++) {
    const xi = x + <usize>i * imageBytes;
    let gp = gq + <usize>i * packedImageBytes;
    for (let b = bases; b < basesEnd; b += 4, gp += PANEL) {
      const at = xi + <usize>load<i32>(b);
      const w0 = v128.load(gp);
      const w1 = v128.load(gp, 16);
      let v = splat<T>(at + o0);
      c00 = add<T>(c00, mul<T>(v, w0));
      c01 = add<T>(c01, mul<T>(v, w1));
      v = splat<T>(at + o1);
      c10 = add<T>(c10, mul<T>(v, w0));
      c11 = add<T>(c11, mul<T>(v, w1));
      v = splat<T>(at + o2);
      c20 = add<T>(c20, mul<T>(v, w0));
      c21 = add<T>(c21, mul<T>(v, w1));
      v = splat<T>(at + o3);
      c30 = add<T>(c30, mul<T>(v, w0));
      c31 = add<T>(c31, mul<T>(v, w1));
    }
  }
  const size = <usize>sizeof<T>();
  const ldy = <usize>k * size;
  storeColumn<T>(c00, c01, yq + <usize>load<i32>(order) * size, ldy, filters);
  if (taps > 1) storeColumn<T>(c10, c11, yq + <usize>load<i32>(order, 4) * size, ldy, filters);
  if (taps > 2) storeColumn<T>(c20, c21, yq + <usize>load<i32>(order, 8) * size, ldy, filters);
  if (taps > 3) storeColumn<T>(c30, c31, yq + <usize>load<i32>(order, 12) * size, ldy, filters);
}

/** Lanes f < filters of (lo, hi), the panel's filters in order, to y + f·ldy. */
// @ts-ignore: decorator
@inline function storeColumn<T>(lo: v128, hi: v128, y: usize, ldy: usize, filters: i32): void {
  if (sizeof<T>() == 4) {
    store<f32>(y, f32x4.extract_lane(lo, 0));
    if (filters > 1) store<f32>(y + ldy, f32x4.extract_lane(lo, 1));
    if (filters > 2) store<f32>(y + 2 * ldy, f32x4.extract_lane(lo, 2));
    if (filters > 3) store<f32>(y + 3 * ldy, f32x4.extract_lane(lo, 3));
    if (filters > 4) store<f32>(y + 4 * ldy, f32x4.extract_lane(hi, 0));
    if (filters > 5) store<f32>(y + 5 * ldy, f32x4.extract_lane(hi, 1));
    if (filters > 6) store<f32>(y + 6 * ldy, f32x4.extract_lane(hi, 2));
    if (filters > 7) store<f32>(y + 7 * ldy, f32x4.extract_lane(hi, 3));
  } else {
    store<f64>(y, f64x2.extract_lane(lo, 0));
    if (filters > 1) store<f64>(y + ldy, f64x2.extract_lane(lo, 1));
    if (filters > 2) store<f64>(y + 2 * ldy, f64x2.extract_lane(hi, 0));
    if (filters > 3) store<f64>(y + 3 * ldy, f64x2.extract_lane(hi, 1));
  }
}

/** Whether the n indices of a row are all the same. */
function rowIsConstant(n: i32, row: usize): bool {
  const first = load<i32>(row);
  for (let p = 1; p < n; p++) if (load<i32>(row + (<usize>p << 2)) != first) return false;
  return true;
}

/** Whether row[p] = baseRow[p] + shift for every p < n. */
function rowIsShifted(n: i32, row: usize, baseRow: usize, shift: i32): bool {
  for (let p = 0; p < n; p++) if (load<i32>(row + (<usize>p << 2)) != load<i32>(baseRow + (<usize>p << 2)) + shift) return false;
  return true;
}

/** Reverses `count` i32s at p in place. */
function reverse(p: usize, count: i32): void {
  for (let i = 0, j = count - 1; i < j; i++, j--) {
    const a = load<i32>(p + (<usize>i << 2));
    store<i32>(p + (<usize>i << 2), load<i32>(p + (<usize>j << 2)));
    store<i32>(p + (<usize>j << 2), a);
  }
}

// @ts-ignore: decorator
@inline function splat<T>(p: usize): v128 {
  if (sizeof<T>() == 4) return v128.load32_splat(p);
  return v128.load64_splat(p);
}

// @ts-ignore: decorator
@inline function add<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.add(a, b);
  return f64x2.add(a, b);
}

// @ts-ignore: decorator
@inline function mul<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.mul(a, b);
  return f64x2.mul(a, b);
}
