/**
 * GEMM: C[m×n] = op(A)·op(B), op(X) = X or Xᵀ, row-major, in float32 (`sgemmBatch`, f32x4) and float64
 * (`dgemmBatch`, f64x2), batched and by row ranges (a thread's share), GotoBLAS-style; and the same with
 * B's columns gathered by indices (`sgemmGathered`, `dgemmGathered`).
 *
 * (1) A KC × NC block of op(B) is packed into panels NR columns wide (two vectors, 32 bytes, per panel
 * row); (2) an MC × KC block of op(A) is packed into panels MR = 4 rows tall, the rows interleaved so
 * that one step of the micro-kernel reads MR consecutive elements; (3) the micro-kernel multiplies an
 * A panel by a B panel into an MR × NR tile held in eight vector accumulators and stores it into C
 * (adding to C after the first KC block). Panels are zero-padded to whole tiles; a tile that overhangs
 * C is computed into a scratch tile and only its valid part is stored.
 *
 * Pointers are byte addresses in this module's memory; `work` must hold gemmWorkBytes(…) bytes.
 *
 * NOTE: 4 × 8 float32 (4 × 4 float64), not 6 × 8: V8 has 16 xmm registers; 8 accumulators, 2 B vectors
 * and 1 broadcast A fit, while 12 accumulators spill (a 6 × 8 probe ran at ~20 GFLOPS against ~38).
 * Unrolling the k loop by two spilled too (TurboFan hoisted all twelve loads; 20% slower), so the loop
 * stays one step long.
 * @see K. Goto, R. van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008.
 */

/** Rows of the register tile. */
const MR: i32 = 4;
/** Bytes in one row of a B panel: two vectors. NR = PANEL / sizeof<T>() columns (8 float32, 4 float64). */
const PANEL: i32 = 32;
/** Depth of a block: a B panel (KC × 32 bytes = 8 KiB) stays in L1 while A panels stream past it. */
const KC: i32 = 256;
/** Rows of a packed A block: MC × KC float32 = 128 KiB (256 KiB float64), within L2. */
const MC: i32 = 128;
/** Columns of a packed B block (a multiple of 8): KC × NC float32 = 2 MiB at most, within L3. */
const NC: i32 = 2048;

// @ts-ignore: decorator
@inline function roundUp(x: i32, to: i32): i32 {
  return ((x + to - 1) / to) * to;
}

/** Bytes of packed panels and scratch that gemm needs for these sizes with `size`-byte elements. */
export function gemmWorkBytes(m: i32, n: i32, k: i32, size: i32): i32 {
  const nr = PANEL / size;
  const kc = min(KC, k);
  return (kc * roundUp(min(NC, n), nr) + roundUp(min(MC, m), MR) * kc) * size + MR * PANEL;
}

/**
 * One thread's share of a batched product, float32: for each matrix i in [batch0, batch1), rows
 * [row0, row1) and columns [col0, col1) of C_i = op(A_{aStarts[i]})·op(B_{bStarts[i]}), where C_i
 * starts at c + i·m·n elements and aStarts / bStarts are i32 arrays of matrix indices into A (m·k
 * elements each) and B (k·n each). Threads split the batch, the rows or the columns (col0 a multiple of
 * 8) of a single product; each needs its own `work`.
 */
export function sgemmBatch(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, work: usize,
  aStarts: usize, bStarts: usize, batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  gemmBatch<f32>(transA, transB, m, n, k, a, b, c, work, aStarts, bStarts, batch0, batch1, row0, row1, col0, col1);
}

/** `sgemmBatch` in float64. */
export function dgemmBatch(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, work: usize,
  aStarts: usize, bStarts: usize, batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  gemmBatch<f64>(transA, transB, m, n, k, a, b, c, work, aStarts, bStarts, batch0, batch1, row0, row1, col0, col1);
}

/**
 * One thread's share of y[i] = A·B_i, float32, for i in [batch0, batch1), rows [row0, row1), columns
 * [col0, col1) (col0 a multiple of 8): A is m×k,
 * B_i[kk][j] = x[i·l + idx[kk·n + j]] (columns gathered from row i of x by the i32 indices idx, k×n),
 * y[i] at c + i·m·n elements. The gathered entries go straight into the packed B panels: the k×n
 * columns are never stored. The gatherMatmul primitive (a convolution's im2col and GEMM).
 */
export function sgemmGathered(m: i32, n: i32, k: i32, l: i32, a: usize, x: usize, idx: usize, plan: usize, c: usize, work: usize,
  batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  const oneBlock = k <= KC && row1 - row0 <= MC;
  for (let i = batch0; i < batch1; i++) {
    gemm<f32>(false, false, m, n, k, a, x + (<usize>i * <usize>l << 2), c + (<usize>i * <usize>(m * n) << 2), work, row0, row1, col0, col1, idx, plan, oneBlock && i > batch0);
  }
}

/** `sgemmGathered` in float64. */
export function dgemmGathered(m: i32, n: i32, k: i32, l: i32, a: usize, x: usize, idx: usize, plan: usize, c: usize, work: usize,
  batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  const oneBlock = k <= KC && row1 - row0 <= MC;
  for (let i = batch0; i < batch1; i++) {
    gemm<f64>(false, false, m, n, k, a, x + (<usize>i * <usize>l << 3), c + (<usize>i * <usize>(m * n) << 3), work, row0, row1, col0, col1, idx, plan, oneBlock && i > batch0);
  }
}

/**
 * How each full panel row of a gathered B (k × n indices at idx, panels of PANEL / size columns) is
 * read, for every product of the batch (the indices are the same for each): 0, one run of
 * consecutive indices; s in 1 … NR − 1, two runs split at lane s (first + lane before it, last −
 * (NR − 1) + lane from it: a convolution's windows crossing into the next output row); −1, anything
 * else (gathered element by element). i32 codes at plan[kk · (n / NR) + panel]: `gatheredPlanBytes`.
 */
export function planGathered(n: i32, k: i32, idx: usize, plan: usize, size: i32): void {
  const nr = PANEL / size;
  const panels = n / nr;
  for (let kk = 0; kk < k; kk++) {
    for (let q = 0; q < panels; q++) {
      const ip = idx + (<usize>(kk * n + q * nr) << 2);
      const first = load<i32>(ip);
      let split = 1;
      while (split < nr && load<i32>(ip + (<usize>split << 2)) == first + split) split++;
      let code = 0;
      if (split < nr) {
        const second = load<i32>(ip + (<usize>(nr - 1) << 2)) - (nr - 1);
        code = split;
        for (let j = split; j < nr; j++) if (load<i32>(ip + (<usize>j << 2)) != second + j) code = -1;
      }
      store<i32>(plan + (<usize>(kk * panels + q) << 2), code);
    }
  }
}

/** Bytes of the plan `planGathered` writes. */
export function gatheredPlanBytes(n: i32, k: i32, size: i32): i32 {
  return k * (n / (PANEL / size)) * 4;
}

/**
 * Packs g [batch, m, positions] for `sgemmSeparableGradA` (separable-gemm.ts), float32: each image's
 * gᵀ as packB packs a transposed B, panels of NR filters of `positions` rows each, filters past m
 * zero: packed[i][q][p][j] = g[i][q·NR + j][p].
 */
export function packGradientsF32(m: i32, batch: i32, positions: i32, g: usize, dst: usize): void {
  packGradients<f32>(m, batch, positions, g, dst);
}

/** `packGradientsF32` in float64. */
export function packGradientsF64(m: i32, batch: i32, positions: i32, g: usize, dst: usize): void {
  packGradients<f64>(m, batch, positions, g, dst);
}

// @ts-ignore: decorator
@inline function packGradients<T>(m: i32, batch: i32, positions: i32, g: usize, dst: usize): void {
  const size = <usize>sizeof<T>();
  const imageBytes = <usize>(m * positions) * size;
  const packedBytes = <usize>roundUp(m, PANEL / <i32>size) * <usize>positions * size;
  for (let i = 0; i < batch; i++) packB<T>(true, m, positions, g + <usize>i * imageBytes, 0, positions, 0, m, dst + <usize>i * packedBytes);
}

// @ts-ignore: decorator
@inline function gemmBatch<T>(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, work: usize,
  aStarts: usize, bStarts: usize, batch0: i32, batch1: i32, row0: i32, row1: i32, col0: i32, col1: i32): void {
  const size = <usize>sizeof<T>();
  const oneBlock = k <= KC && row1 - row0 <= MC;
  let previousA: i32 = -1;
  for (let i = batch0; i < batch1; i++) {
    const aIndex = load<i32>(aStarts + (<usize>i << 2));
    const ai = a + <usize>aIndex * <usize>(m * k) * size;
    const bi = b + <usize>load<i32>(bStarts + (<usize>i << 2)) * <usize>(k * n) * size;
    // NOTE: a broadcast A (one filter bank for a batch) whose one block is already packed is not packed again.
    gemm<T>(transA, transB, m, n, k, ai, bi, c + <usize>i * <usize>(m * n) * size, work, row0, row1, col0, col1, 0, 0, oneBlock && aIndex == previousA);
    previousA = aIndex;
  }
}

/**
 * Rows [row0, row1) and columns [col0, col1) of C = op(A)·op(B); with `idx` ≠ 0, B is not stored but
 * gathered, B[kk][j] = b[idx[kk·n + j]] (transB must be false).
 */
// @ts-ignore: decorator
@inline function gemm<T>(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, work: usize, row0: i32, row1: i32, col0: i32, col1: i32, idx: usize = 0, plan: usize = 0, aPacked: bool = false): void {
  const size = <i32>sizeof<T>();
  const nr = PANEL / size;
  const kcMax = min(KC, k);
  const packedB = work;
  const packedA = packedB + <usize>(kcMax * roundUp(min(NC, n), nr) * size);
  const edge = packedA + <usize>(roundUp(min(MC, m), MR) * kcMax * size);
  const ldc = <usize>(n * size);
  for (let jc = col0; jc < col1; jc += NC) {
    const nc = min(NC, col1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const accumulate = pc > 0;
      if (idx != 0) packBGathered<T>(n, b, idx, plan, pc, kc, jc, nc, packedB);
      else packB<T>(transB, n, k, b, pc, kc, jc, nc, packedB);
      for (let ic = row0; ic < row1; ic += MC) {
        const mc = min(MC, row1 - ic);
        if (!aPacked) packA<T>(transA, m, k, a, ic, mc, pc, kc, packedA);
        for (let jr = 0; jr < nc; jr += nr) {
          const bp = packedB + <usize>(jr * kc * size);
          const cols = min(nr, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const ap = packedA + <usize>(ir * kc * size);
            const rows = min(MR, mc - ir);
            const ct = c + <usize>(((ic + ir) * n + jc + jr) * size);
            if (rows == MR && cols == nr) {
              tile<T>(ap, bp, kc, ct, ldc, accumulate);
            } else if (rows == 2 && cols == nr) {
              // NOTE: a 2-row remainder (6 filters: 4 + 2) runs half a tile, not a padded one through the scratch.
              tile2<T>(ap, bp, kc, ct, ldc, accumulate);
            } else {
              tile<T>(ap, bp, kc, edge, PANEL, false);
              storeEdge<T>(edge, ct, ldc, rows, cols, accumulate);
            }
          }
        }
      }
    }
  }
}

// @ts-ignore: decorator
@inline function tile<T>(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  if (sizeof<T>() == 4) tileF32(ap, bp, kc, c, ldc, accumulate);
  else tileF64(ap, bp, kc, c, ldc, accumulate);
}

/** C[4×8] (row stride ldc bytes) = (C +) Apanel·Bpanel over kc steps, float32. */
// @ts-ignore: decorator
@inline function tileF32(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  // NOTE: ap < aEnd rather than a step counter: one induction variable fewer, ~5% faster.
  const aEnd = ap + (<usize>kc << 4);
  while (ap < aEnd) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    ap += 16;
    bp += 32;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc));
    c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc));
    c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc));
    c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
}

/** C[4×4] (row stride ldc bytes) = (C +) Apanel·Bpanel over kc steps, float64. */
// @ts-ignore: decorator
@inline function tileF64(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  const aEnd = ap + (<usize>kc << 5);
  while (ap < aEnd) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load64_splat(ap);
    c00 = f64x2.add(c00, f64x2.mul(x, b0));
    c01 = f64x2.add(c01, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 8);
    c10 = f64x2.add(c10, f64x2.mul(x, b0));
    c11 = f64x2.add(c11, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 16);
    c20 = f64x2.add(c20, f64x2.mul(x, b0));
    c21 = f64x2.add(c21, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 24);
    c30 = f64x2.add(c30, f64x2.mul(x, b0));
    c31 = f64x2.add(c31, f64x2.mul(x, b1));
    ap += 32;
    bp += 32;
  }
  if (accumulate) {
    c00 = f64x2.add(c00, v128.load(c));
    c01 = f64x2.add(c01, v128.load(c, 16));
    c10 = f64x2.add(c10, v128.load(c + ldc));
    c11 = f64x2.add(c11, v128.load(c + ldc, 16));
    c20 = f64x2.add(c20, v128.load(c + 2 * ldc));
    c21 = f64x2.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f64x2.add(c30, v128.load(c + 3 * ldc));
    c31 = f64x2.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
}

// @ts-ignore: decorator
@inline function tile2<T>(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  if (sizeof<T>() == 4) tile2F32(ap, bp, kc, c, ldc, accumulate);
  else tile2F64(ap, bp, kc, c, ldc, accumulate);
}

/** The first two rows of `tileF32` (the A panel's other two are padding): C[2×8] (+)= Apanel·Bpanel. */
// @ts-ignore: decorator
@inline function tile2F32(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  const aEnd = ap + (<usize>kc << 4);
  while (ap < aEnd) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    ap += 16;
    bp += 32;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc));
    c11 = f32x4.add(c11, v128.load(c + ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
}

/** The first two rows of `tileF64`: C[2×4] (+)= Apanel·Bpanel, float64. */
// @ts-ignore: decorator
@inline function tile2F64(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  const aEnd = ap + (<usize>kc << 5);
  while (ap < aEnd) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load64_splat(ap);
    c00 = f64x2.add(c00, f64x2.mul(x, b0));
    c01 = f64x2.add(c01, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 8);
    c10 = f64x2.add(c10, f64x2.mul(x, b0));
    c11 = f64x2.add(c11, f64x2.mul(x, b1));
    ap += 32;
    bp += 32;
  }
  if (accumulate) {
    c00 = f64x2.add(c00, v128.load(c));
    c01 = f64x2.add(c01, v128.load(c, 16));
    c10 = f64x2.add(c10, v128.load(c + ldc));
    c11 = f64x2.add(c11, v128.load(c + ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
}

/** The valid rows × cols of a scratch tile (row stride PANEL bytes) into C, added to C when accumulating. */
function storeEdge<T>(edge: usize, c: usize, ldc: usize, rows: i32, cols: i32, accumulate: bool): void {
  for (let r = 0; r < rows; r++) {
    const src = edge + <usize>(r * PANEL);
    const dst = c + <usize>r * ldc;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j * sizeof<T>();
      const v = load<T>(src + o);
      store<T>(dst + o, accumulate ? sum<T>(v, load<T>(dst + o)) : v);
    }
  }
}

// @ts-ignore: decorator
@inline function sum<T>(x: T, y: T): T {
  if (sizeof<T>() == 4) return <T>(<f32>x + <f32>y);
  return <T>(<f64>x + <f64>y);
}

/**
 * Packs rows [i0, i0 + mc) × columns [pc, pc + kc) of op(A) into MR-row panels of kc·MR elements,
 * rows interleaved (panel[p·MR + r] = op(A)[i + r][pc + p]); rows past mc are zero.
 */
function packA<T>(trans: bool, m: i32, k: i32, a: usize, i0: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  const size = sizeof<T>();
  const step = <usize>MR * size; // bytes per panel step
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const panel = dst + <usize>(ir * kc) * size;
    if (trans) {
      // A is k×m: the MR elements of one panel step are consecutive in memory.
      let src = a + <usize>(pc * m + i0 + ir) * size;
      const lda = <usize>m * size;
      let o = panel;
      if (rows == MR) {
        for (let p = 0; p < kc; p++, src += lda, o += step) {
          v128.store(o, v128.load(src));
          if (size == 8) v128.store(o, v128.load(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++, src += lda, o += step) {
          for (let r = 0; r < MR; r++) store<T>(o + <usize>r * size, r < rows ? load<T>(src + <usize>r * size) : <T>0);
        }
      }
    } else if (rows == MR) {
      // A is m×k: MR rows of kc elements each, interleaved (4 × 4 transposes in vectors).
      interleave4<T>(a + <usize>((i0 + ir) * k + pc) * size, <usize>k * size, kc, panel, step);
    } else {
      // A is m×k, fewer than MR rows left: interleaved the same way, the missing rows zero.
      interleavePartial<T>(a + <usize>((i0 + ir) * k + pc) * size, <usize>k * size, kc, panel, step, rows);
    }
  }
}

/** The 4 × 4 transpose of f32 rows r0…r3 stored as four vectors `step` bytes apart: dst + i·step gets (r0ᵢ, r1ᵢ, r2ᵢ, r3ᵢ). */
// @ts-ignore: decorator
@inline function storeTransposedF32(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, step: usize): void {
  const a = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // r0₀ r1₀ r0₁ r1₁
  const b = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7); // r0₂ r1₂ r0₃ r1₃
  const c = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const d = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(a, c, 0, 1, 4, 5));
  v128.store(dst + step, v128.shuffle<f32>(a, c, 2, 3, 6, 7));
  v128.store(dst + 2 * step, v128.shuffle<f32>(b, d, 0, 1, 4, 5));
  v128.store(dst + 3 * step, v128.shuffle<f32>(b, d, 2, 3, 6, 7));
}

/** The same for f64 rows of two: dst + i·step gets (r0ᵢ, r1ᵢ, r2ᵢ, r3ᵢ), 32 bytes. */
// @ts-ignore: decorator
@inline function storeTransposedF64(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, step: usize): void {
  v128.store(dst, v128.shuffle<f64>(r0, r1, 0, 2));
  v128.store(dst, v128.shuffle<f64>(r2, r3, 0, 2), 16);
  v128.store(dst + step, v128.shuffle<f64>(r0, r1, 1, 3));
  v128.store(dst + step, v128.shuffle<f64>(r2, r3, 1, 3), 16);
}

/**
 * dst[p·step + r·size] = src[r·ld + p·size] for r < 4, p < kc: four rows of kc elements (ld bytes
 * apart) interleaved, each step of the output (step bytes apart) holding the four rows' p-th elements,
 * as a packed A panel or four columns of a transposed B panel are laid out. Four steps at a time by
 * 4 × 4 transposes of f32x4 (two steps by 2 × 2 ones of f64x2, the rows taken in pairs); the values
 * are moved, not computed, so a product packed this way is the one packed element by element.
 * NOTE: against the element-by-element loop (stores step bytes apart), LeNet-5's weight gradients
 * g·colsᵀ (a transposed B) ran 1.62× (C1: 32 × 6×26×784) and 1.27× (C3: 32 × 16×151×100) faster, an
 * MLP's g·Wᵀ 1.07–1.19× (kernel alone, interleaved A/B, medians).
 */
// @ts-ignore: decorator
@inline function interleave4<T>(src: usize, ld: usize, kc: i32, dst: usize, step: usize): void {
  const size = <usize>sizeof<T>();
  let p = 0;
  if (size == 4) {
    for (; p + 4 <= kc; p += 4, src += 16, dst += step << 2) {
      const r0 = v128.load(src);
      const r1 = v128.load(src + ld);
      const r2 = v128.load(src + 2 * ld);
      const r3 = v128.load(src + 3 * ld);
      storeTransposedF32(r0, r1, r2, r3, dst, step);
    }
  } else {
    for (; p + 2 <= kc; p += 2, src += 16, dst += step << 1) {
      const r0 = v128.load(src);
      const r1 = v128.load(src + ld);
      const r2 = v128.load(src + 2 * ld);
      const r3 = v128.load(src + 3 * ld);
      storeTransposedF64(r0, r1, r2, r3, dst, step);
    }
  }
  for (; p < kc; p++, src += size, dst += step) {
    for (let r: usize = 0; r < 4; r++) store<T>(dst + r * size, load<T>(src + r * ld));
  }
}

/**
 * `interleave4` of the first `rows` < 4 rows, the others zero (the remainder panel of A, or of a
 * transposed B's columns: C1's 6 filters are 4 + 2 rows, its 26 columns 8 + 8 + 8 + 2). A missing row
 * re-reads row 0 (in bounds) and is masked to zero, so the loop has no branch on `rows`.
 * NOTE: against the element-by-element loop it replaced, C1's weight gradient (32 × 6×26×784) ran
 * 1.26× faster again (kernel alone, interleaved A/B, medians).
 */
// @ts-ignore: decorator
@inline function interleavePartial<T>(src: usize, ld: usize, kc: i32, dst: usize, step: usize, rows: i32): void {
  const size = <usize>sizeof<T>();
  const l1: usize = rows > 1 ? ld : 0;
  const l2: usize = rows > 2 ? ld << 1 : 0;
  const m1 = rows > 1 ? i32x4.splat(-1) : i32x4.splat(0);
  const m2 = rows > 2 ? i32x4.splat(-1) : i32x4.splat(0);
  const zero = i32x4.splat(0);
  let p = 0;
  if (size == 4) {
    for (; p + 4 <= kc; p += 4, src += 16, dst += step << 2) {
      const r0 = v128.load(src);
      const r1 = v128.and(v128.load(src + l1), m1);
      const r2 = v128.and(v128.load(src + l2), m2);
      storeTransposedF32(r0, r1, r2, zero, dst, step);
    }
  } else {
    for (; p + 2 <= kc; p += 2, src += 16, dst += step << 1) {
      const r0 = v128.load(src);
      const r1 = v128.and(v128.load(src + l1), m1);
      const r2 = v128.and(v128.load(src + l2), m2);
      storeTransposedF64(r0, r1, r2, zero, dst, step);
    }
  }
  for (; p < kc; p++, src += size, dst += step) {
    for (let r = 0; r < 4; r++) store<T>(dst + <usize>r * size, r < rows ? load<T>(src + <usize>r * ld) : <T>0);
  }
}

/**
 * Packs rows [pc, pc + kc) × columns [j0, j0 + nc) of op(B) into panels NR columns wide of kc·NR
 * elements (panel[p·NR + j] = op(B)[pc + p][j0 + jr + j]); columns past nc are zero.
 */
function packB<T>(trans: bool, n: i32, k: i32, b: usize, pc: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  const size = sizeof<T>();
  const nr = PANEL / <i32>size;
  for (let jr = 0; jr < nc; jr += nr) {
    const cols = min(nr, nc - jr);
    const panel = dst + <usize>(jr * kc) * size;
    if (!trans) {
      // B is k×n: one panel row is NR consecutive elements.
      let src = b + <usize>(pc * n + j0 + jr) * size;
      const ldb = <usize>n * size;
      let o = panel;
      if (cols == nr) {
        for (let p = 0; p < kc; p++, src += ldb, o += PANEL) {
          v128.store(o, v128.load(src));
          v128.store(o, v128.load(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++, src += ldb, o += PANEL) {
          for (let j = 0; j < nr; j++) store<T>(o + <usize>j * size, j < cols ? load<T>(src + <usize>j * size) : <T>0);
        }
      }
    } else if (cols == nr) {
      // B is n×k: NR rows of kc elements each, interleaved four at a time (4 × 4 transposes in vectors).
      const src = b + <usize>((j0 + jr) * k + pc) * size;
      const ldb = <usize>k * size;
      interleave4<T>(src, ldb, kc, panel, PANEL);
      if (nr == 8) interleave4<T>(src + 4 * ldb, ldb, kc, panel + 16, PANEL);
    } else {
      // B is n×k, fewer than NR columns left: the same, the missing columns zero.
      const src = b + <usize>((j0 + jr) * k + pc) * size;
      const ldb = <usize>k * size;
      if (cols >= 4) interleave4<T>(src, ldb, kc, panel, PANEL);
      else interleavePartial<T>(src, ldb, kc, panel, PANEL, cols);
      if (nr == 8) {
        if (cols > 4) {
          interleavePartial<T>(src + 4 * ldb, ldb, kc, panel + 16, PANEL, cols - 4);
        } else {
          for (let p = 0, o = panel + 16; p < kc; p++, o += PANEL) v128.store(o, i32x4.splat(0));
        }
      }
    }
  }
}

/**
 * One panel row of a gathered B, `PANEL` bytes at `o`, from the indices at ip, read as `code` (from
 * `planGathered`) says: one run, two vector loads; two runs split at lane `code`, both loaded and the
 * lanes picked by mask (`v128.bitselect`), four loads instead of eight gathered ones. False, writing
 * nothing, for code −1.
 */
// @ts-ignore: decorator
@inline function packRuns<T>(x: usize, ip: usize, o: usize, code: i32): bool {
  if (code < 0) return false;
  const size = sizeof<T>();
  const srcA = x + <usize>load<i32>(ip) * size;
  if (code == 0) {
    v128.store(o, v128.load(srcA));
    v128.store(o, v128.load(srcA, 16), 16);
    return true;
  }
  // NOTE: reads up to NR − 1 elements either side of the row's own; the arena holds other operands there.
  const nr = PANEL / <i32>size;
  const srcB = x + <usize>(load<i32>(ip + (<usize>(nr - 1) << 2)) - (nr - 1)) * size;
  const split = i32x4.splat(code);
  let lo: v128, hi: v128;
  if (size == 4) {
    lo = i32x4.lt_s(i32x4(0, 1, 2, 3), split);
    hi = i32x4.lt_s(i32x4(4, 5, 6, 7), split);
  } else {
    const lanes = i32x4.lt_s(i32x4(0, 1, 2, 3), split);
    lo = i64x2.extend_low_i32x4_s(lanes);
    hi = i64x2.extend_high_i32x4_s(lanes);
  }
  v128.store(o, v128.bitselect(v128.load(srcA), v128.load(srcB), lo));
  v128.store(o, v128.bitselect(v128.load(srcA, 16), v128.load(srcB, 16), hi), 16);
  return true;
}

/**
 * packB for a gathered B (B[p][j] = x[idx[p·n + j]], k×n): rows [pc, pc + kc) × columns [j0, j0 + nc)
 * into the same panels as packB; columns past nc are zero.
 */
function packBGathered<T>(n: i32, x: usize, idx: usize, plan: usize, pc: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  const size = sizeof<T>();
  const nr = PANEL / <i32>size;
  const ldi = <usize>n << 2;
  const panels = n / nr;
  for (let jr = 0; jr < nc; jr += nr) {
    const cols = min(nr, nc - jr);
    let ip = idx + (<usize>(pc * n + j0 + jr) << 2);
    let o = dst + <usize>(jr * kc) * size;
    if (cols == nr) {
      // NOTE: a convolution's indices mostly run on by one within a panel row (the windows of one
      // output row at stride 1), or in two such runs where the row crosses to the next output row.
      let code = plan + (<usize>(pc * panels + (j0 + jr) / nr) << 2);
      const step = <usize>panels << 2;
      for (let p = 0; p < kc; p++, ip += ldi, o += PANEL, code += step) {
        if (!packRuns<T>(x, ip, o, load<i32>(code))) {
          for (let j = 0; j < nr; j++) store<T>(o + <usize>j * size, load<T>(x + <usize>load<i32>(ip + (<usize>j << 2)) * size));
        }
      }
    } else {
      for (let p = 0; p < kc; p++, ip += ldi, o += PANEL) {
        for (let j = 0; j < nr; j++) store<T>(o + <usize>j * size, j < cols ? load<T>(x + <usize>load<i32>(ip + (<usize>j << 2)) * size) : <T>0);
      }
    }
  }
}
