/**
 * The CPU backend's matrix multiply: GotoBLAS-style blocking around a 4×4 register tile, in plain JS.
 *
 * (1) B is packed, a block of KC rows × NC columns at a time, into column panels NR wide; (2) A is
 * packed one MR-row panel at a time; (3) the micro-kernel multiplies an A panel by each B panel into
 * sixteen scalar accumulators and adds them into W, a float64 copy of the C block; (4) W is stored
 * into C once, rounding to float32 there when C is float32.
 *
 * NOTE: every array the micro-kernel touches is the one module-level Float64Array `scratch` (the
 * packed panels and W live in it at different offsets), so its element loads stay monomorphic
 * whatever the caller's dtype, and V8 checks one map and one length per step instead of three.
 * Only the packing and the final store see Float32Array and Float64Array both; they are O(mk + kn
 * + mn) against the kernel's O(mnk).
 * @see K. Goto, R. van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008.
 */

type FloatArray = Float32Array | Float64Array;

/** Rows and columns of the register tile. */
const MR = 4;
const NR = 4;
/** Depth of a packed block: an A panel (MR×KC) and a B panel (KC×NR) are 8 KiB each, within L1. */
const KC = 256;
/** Width of a packed B block: KC×NC doubles = 256 KiB, within L2. */
const NC = 128;
/** Rows of C per W block. */
const MC = 256;
/** Below this many multiply-adds packing does not pay; the direct loops are used. */
const SMALL = 4096;

let scratch = new Float64Array(0);

/** The scratch buffer, grown (never shrunk) to hold `size` doubles. */
function scratchOf(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, Math.ceil(scratch.length * 1.5)));
  return scratch;
}

/** C[m×n] = op(A)·op(B) (overwrites C), op(X) = X or Xᵀ; row-major, with element offsets for batching. */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array | Float64Array,
  aOffset: number,
  b: Float32Array | Float64Array,
  bOffset: number,
  c: Float32Array | Float64Array,
  cOffset: number,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    c.fill(0, cOffset, cOffset + m * n);
    return;
  }
  if (m < MR || n < NR || m * n * k < SMALL) {
    gemmDirect(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    return;
  }
  const ncMax = roundUp(Math.min(NC, n), NR);
  const mcMax = roundUp(Math.min(MC, m), MR);
  const kcMax = Math.min(KC, k);
  const bOff = 0;
  const aOff = bOff + kcMax * ncMax;
  const wOff = aOff + MR * kcMax;
  const s = scratchOf(wOff + mcMax * ncMax);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPad = roundUp(nc, NR);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      const mcPad = roundUp(mc, MR);
      s.fill(0, wOff, wOff + mcPad * ncPad);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        // With a single k block the B block packed for the first row block serves them all.
        if (ic === 0 || k > KC) packB(transB, n, k, b, bOffset, pc, kc, jc, nc, s, bOff);
        for (let ir = 0; ir < mc; ir += MR) {
          packA(transA, m, k, a, aOffset, ic + ir, Math.min(MR, mc - ir), pc, kc, s, aOff);
          kernelRow(s, aOff, bOff, wOff + ir * ncPad, ncPad, kc);
        }
      }
      storeW(s, wOff, ncPad, mc, nc, c, cOffset + ic * n + jc, n);
    }
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

/**
 * W[MR×ncPad] += Apanel·Bblock: the A panel (MR interleaved rows of depth kc at aOff) times each
 * NR-wide panel of the packed B block (at bOff, kc·NR doubles apart).
 */
function kernelRow(s: Float64Array, aOff: number, bOff: number, wOff: number, ldw: number, kc: number): void {
  const aEnd = aOff + MR * kc;
  for (let j = 0; j < ldw; j += NR) {
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
    let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
    let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
    // NOTE: `(i + 1) | 0` rather than `i + 1`: V8 then drops an overflow check per load.
    for (let ia = aOff, ib = bOff + j * kc; ia < aEnd; ia = (ia + MR) | 0, ib = (ib + NR) | 0) {
      const a0 = s[ia], a1 = s[(ia + 1) | 0], a2 = s[(ia + 2) | 0], a3 = s[(ia + 3) | 0];
      const b0 = s[ib], b1 = s[(ib + 1) | 0], b2 = s[(ib + 2) | 0], b3 = s[(ib + 3) | 0];
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    }
    let o = wOff + j;
    s[o] += c00; s[o + 1] += c01; s[o + 2] += c02; s[o + 3] += c03;
    o += ldw;
    s[o] += c10; s[o + 1] += c11; s[o + 2] += c12; s[o + 3] += c13;
    o += ldw;
    s[o] += c20; s[o + 1] += c21; s[o + 2] += c22; s[o + 3] += c23;
    o += ldw;
    s[o] += c30; s[o + 1] += c31; s[o + 2] += c32; s[o + 3] += c33;
  }
}

/**
 * Packs rows [i0, i0+rows) × columns [pc, pc+kc) of op(A) into s[off…] as one panel, MR values per
 * column (row-interleaved); rows past `rows` are zero.
 */
function packA(
  trans: boolean, m: number, k: number, a: FloatArray, aOffset: number,
  i0: number, rows: number, pc: number, kc: number, s: Float64Array, off: number,
): void {
  if (trans) {
    // op(A)[i][p] = A[p][i], A is k×m: each column of the panel is MR consecutive elements.
    let src = aOffset + pc * m + i0;
    const end = off + MR * kc;
    if (rows === MR) {
      for (let o = off; o < end; o += MR, src += m) {
        s[o] = a[src]; s[o + 1] = a[src + 1]; s[o + 2] = a[src + 2]; s[o + 3] = a[src + 3];
      }
    } else {
      for (let o = off; o < end; o += MR, src += m) {
        for (let r = 0; r < MR; r++) s[o + r] = r < rows ? a[src + r] : 0;
      }
    }
    return;
  }
  // A is m×k: each panel row is a contiguous run of kc elements.
  for (let r = 0; r < MR; r++) {
    let o = off + r;
    if (r < rows) {
      const start = aOffset + (i0 + r) * k + pc;
      for (let src = start; src < start + kc; src++, o += MR) s[o] = a[src];
    } else {
      for (let p = 0; p < kc; p++, o += MR) s[o] = 0;
    }
  }
}

/**
 * Packs rows [pc, pc+kc) × columns [jc, jc+nc) of op(B) into s[off…] as NR-wide panels of kc·NR
 * doubles each (row-major within a panel); columns past nc are zero.
 */
function packB(
  trans: boolean, n: number, k: number, b: FloatArray, bOffset: number,
  pc: number, kc: number, jc: number, nc: number, s: Float64Array, off: number,
): void {
  const full = nc - (nc % NR);
  if (!trans) {
    // B is k×n: a panel row is NR consecutive elements.
    for (let j = 0; j < full; j += NR) {
      let src = bOffset + pc * n + jc + j;
      const start = off + j * kc, end = start + kc * NR;
      for (let o = start; o < end; o += NR, src += n) {
        s[o] = b[src]; s[o + 1] = b[src + 1]; s[o + 2] = b[src + 2]; s[o + 3] = b[src + 3];
      }
    }
    if (full < nc) {
      let src = bOffset + pc * n + jc + full;
      const start = off + full * kc, end = start + kc * NR;
      for (let o = start; o < end; o += NR, src += n) {
        for (let jj = 0; jj < NR; jj++) s[o + jj] = full + jj < nc ? b[src + jj] : 0;
      }
    }
    return;
  }
  // op(B)[p][j] = B[j][p], B is n×k: each panel column is a contiguous run of kc elements.
  for (let j = 0; j < nc + ((NR - (nc % NR)) % NR); j++) {
    let o = off + (j - (j % NR)) * kc + (j % NR);
    if (j < nc) {
      const start = bOffset + (jc + j) * k + pc;
      for (let src = start; src < start + kc; src++, o += NR) s[o] = b[src];
    } else {
      for (let p = 0; p < kc; p++, o += NR) s[o] = 0;
    }
  }
}

/** C block (rows × cols, row stride ldc) ← W (row stride ldw); float32 C rounds here. */
function storeW(
  s: Float64Array, wOff: number, ldw: number, rows: number, cols: number,
  c: FloatArray, cOff: number, ldc: number,
): void {
  for (let i = 0; i < rows; i++) {
    const w = wOff + i * ldw, o = cOff + i * ldc;
    for (let j = 0; j < cols; j++) c[o + j] = s[w + j];
  }
}

/**
 * Unpacked loops for small or skinny products (m or n below the tile): a dot product per element
 * when op(B) is read along its rows' storage, otherwise row updates into a float64 accumulator row.
 * Either way each C element sums its k products in order in a double.
 */
function gemmDirect(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, c: FloatArray, cOffset: number,
): void {
  // op(A)[i][p] = a[aOffset + i·ai + p·ap]
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  if (transB) {
    // op(B)[p][j] = B[j][p]: row j of B is contiguous in p.
    for (let i = 0; i < m; i++) {
      const ar = aOffset + i * ai;
      for (let j = 0; j < n; j++) {
        const br = bOffset + j * k;
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[ar + p * ap] * b[br + p];
        c[cOffset + i * n + j] = sum;
      }
    }
    return;
  }
  const acc = scratchOf(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, n);
    const ar = aOffset + i * ai;
    for (let p = 0; p < k; p++) {
      const x = a[ar + p * ap];
      const br = bOffset + p * n;
      for (let j = 0; j < n; j++) acc[j] += x * b[br + j];
    }
    const cr = cOffset + i * n;
    for (let j = 0; j < n; j++) c[cr + j] = acc[j];
  }
}
