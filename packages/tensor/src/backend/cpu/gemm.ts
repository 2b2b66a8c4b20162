/**
 * The CPU backend's matrix multiply: GotoBLAS-style blocking around a 2×5 register tile, in plain JS.
 *
 * (1) B is packed, a block of KC rows × NC columns at a time, into column panels NR wide; (2) A is
 * packed one MR-row panel at a time; (3) the micro-kernel multiplies an A panel by each B panel into
 * ten scalar accumulators and adds them into W, a float64 copy of the C block; (4) W is stored into
 * C once, rounding to float32 there when C is float32. Panels are zero-padded to whole tiles, so the
 * kernel has no edge cases; the padding only ever reaches rows and columns of W that are not stored.
 *
 * NOTE: the kernel touches one array only, the module-level `scratch` (packed panels and W live in
 * it at different offsets), so its loads stay monomorphic whatever the caller's dtype. Packing and
 * the final store see Float32Array and Float64Array both (polymorphic, not megamorphic); they are
 * O(mk·n/NC + kn·m/MC + mn) against the kernel's O(mnk).
 * @see K. Goto, R. van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008.
 */

type FloatArray = Float32Array | Float64Array;

/**
 * Rows and columns of the register tile. NOTE: not 4×4. V8 keeps at most 15 doubles in registers;
 * with 16 accumulators it spills most of them to the stack on every step, and 4×4 measured 15–25%
 * slower than 2×5 here. 2×4, 2×6 and 3×3 came within a few percent of 2×5.
 */
const MR = 2;
const NR = 5;
/** Depth of a packed block: an A panel (MR×KC) and a B panel (KC×NR) fit in L1 together. */
const KC = 256;
/** Width of a packed B block (a multiple of NR): KC×NC doubles = 240 KiB, within L2. */
const NC = 120;
/** Rows of C per W block. */
const MC = 256;
/** Below this many multiply-adds, or with fewer than SKINNY rows, packing does not pay. */
const SMALL = 1024;
const SKINNY = 4;

/**
 * Packed panels and the float64 C block, grown on demand and never shrunk.
 * NOTE: a plain array of doubles rather than a Float64Array. V8 reads a PACKED_DOUBLE_ELEMENTS array
 * with one bounds check and one load; a typed array load also rebuilds its data pointer and widens
 * the index, which makes the whole kernel about 15% slower. Created from a double literal and only
 * ever grown by `push`, it never leaves that elements kind (holes or non-numbers would).
 */
const scratch: number[] = [0.5];

/** The scratch array, grown to hold at least `size` doubles. */
function scratchOf(size: number): number[] {
  while (scratch.length < size) scratch.push(0);
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
  if (m < SKINNY || n < NR || m * n * k < SMALL) {
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
      for (let w = wOff; w < wOff + mcPad * ncPad; w++) s[w] = 0;
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
 * W[MR×ldw] += Apanel·Bblock: the A panel (MR interleaved rows of depth kc at aOff) times each
 * NR-wide panel of the packed B block (at bOff, kc·NR doubles apart).
 */
function kernelRow(s: number[], aOff: number, bOff: number, wOff: number, ldw: number, kc: number): void {
  const aEnd = aOff + MR * kc;
  for (let j = 0; j < ldw; j += NR) {
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0;
    // NOTE: `(i + 1) | 0` rather than `i + 1`: V8 then drops an overflow check per load.
    for (let ia = aOff, ib = bOff + j * kc; ia < aEnd; ia = (ia + MR) | 0, ib = (ib + NR) | 0) {
      const a0 = s[ia], a1 = s[(ia + 1) | 0];
      const b0 = s[ib], b1 = s[(ib + 1) | 0], b2 = s[(ib + 2) | 0], b3 = s[(ib + 3) | 0], b4 = s[(ib + 4) | 0];
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3; c04 += a0 * b4;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3; c14 += a1 * b4;
    }
    const o = wOff + j, o1 = o + ldw;
    s[o] += c00; s[o + 1] += c01; s[o + 2] += c02; s[o + 3] += c03; s[o + 4] += c04;
    s[o1] += c10; s[o1 + 1] += c11; s[o1 + 2] += c12; s[o1 + 3] += c13; s[o1 + 4] += c14;
  }
}

/**
 * Packs rows [i0, i0+rows) × columns [pc, pc+kc) of op(A) into s[off…] as one panel, MR values per
 * column (row-interleaved); rows past `rows` are zero.
 */
function packA(
  trans: boolean, m: number, k: number, a: FloatArray, aOffset: number,
  i0: number, rows: number, pc: number, kc: number, s: number[], off: number,
): void {
  if (trans) {
    // op(A)[i][p] = A[p][i], A is k×m: each column of the panel is MR consecutive elements.
    let src = aOffset + pc * m + i0;
    const end = off + MR * kc;
    for (let o = off; o < end; o += MR, src += m) {
      for (let r = 0; r < rows; r++) s[o + r] = a[src + r];
      for (let r = rows; r < MR; r++) s[o + r] = 0;
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
  pc: number, kc: number, jc: number, nc: number, s: number[], off: number,
): void {
  if (!trans) {
    // B is k×n: a panel row is NR consecutive elements.
    for (let j = 0; j < nc; j += NR) {
      const cols = Math.min(NR, nc - j);
      let src = bOffset + pc * n + jc + j;
      const start = off + j * kc, end = start + kc * NR;
      for (let o = start; o < end; o += NR, src += n) {
        for (let jj = 0; jj < cols; jj++) s[o + jj] = b[src + jj];
        for (let jj = cols; jj < NR; jj++) s[o + jj] = 0;
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
  s: number[], wOff: number, ldw: number, rows: number, cols: number,
  c: FloatArray, cOff: number, ldc: number,
): void {
  for (let i = 0; i < rows; i++) {
    const w = wOff + i * ldw, o = cOff + i * ldc;
    for (let j = 0; j < cols; j++) c[o + j] = s[w + j];
  }
}

/**
 * Unpacked loops for small or skinny products: a dot product per element (two elements of a row at a
 * time) when op(B)'s columns are contiguous or few, otherwise updates of a float64 accumulator row by
 * four rows of op(B) at a time (in registers, four columns at a time, for a small op(B)).
 * NOTE: both sum in an order other than p = 0, 1, …, k−1 (partial sums, groups of four), which keeps
 * the error within the usual bound for a double-precision dot product.
 */
function gemmDirect(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, c: FloatArray, cOffset: number,
): void {
  // op(A)[i][p] = a[aOffset + i·ai + p·ap], op(B)[p][j] = b[bOffset + p·bp + j·bj]
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  const bp = transB ? 1 : n, bj = transB ? k : 1;
  const k4 = k - (k % 4);
  if (transB || n < 8) {
    // NOTE: two columns at a time share the loads of A (8 accumulators and 4 of A: within V8's 15 registers)
    const n2 = n - (n % 2);
    for (let i = 0; i < m; i++) {
      const ar = aOffset + i * ai;
      const cr = cOffset + i * n;
      for (let j = 0; j < n2; j += 2) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        let x = ar, y = bOffset + j * bj, z = y + bj;
        for (let p = 0; p < k4; p += 4, x += 4 * ap, y += 4 * bp, z += 4 * bp) {
          const a0 = a[x], a1 = a[x + ap], a2 = a[x + 2 * ap], a3 = a[x + 3 * ap];
          s0 += a0 * b[y];
          s1 += a1 * b[y + bp];
          s2 += a2 * b[y + 2 * bp];
          s3 += a3 * b[y + 3 * bp];
          t0 += a0 * b[z];
          t1 += a1 * b[z + bp];
          t2 += a2 * b[z + 2 * bp];
          t3 += a3 * b[z + 3 * bp];
        }
        for (let p = k4; p < k; p++, x += ap, y += bp, z += bp) {
          const a0 = a[x];
          s0 += a0 * b[y];
          t0 += a0 * b[z];
        }
        c[cr + j] = s0 + s1 + (s2 + s3);
        c[cr + j + 1] = t0 + t1 + (t2 + t3);
      }
      if (n2 < n) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let x = ar, y = bOffset + n2 * bj;
        for (let p = 0; p < k4; p += 4, x += 4 * ap, y += 4 * bp) {
          s0 += a[x] * b[y];
          s1 += a[x + ap] * b[y + bp];
          s2 += a[x + 2 * ap] * b[y + 2 * bp];
          s3 += a[x + 3 * ap] * b[y + 3 * bp];
        }
        for (let p = k4; p < k; p++, x += ap, y += bp) s0 += a[x] * b[y];
        c[cr + n2] = s0 + s1 + (s2 + s3);
      }
    }
    return;
  }
  if (k * n <= SMALL_B) {
    axpyInRegisters(m, n, k, ai, ap, a, aOffset, b, bOffset, c, cOffset);
    return;
  }
  const acc = scratchOf(n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) acc[j] = 0;
    const ar = aOffset + i * ai;
    for (let p = 0; p < k4; p += 4) {
      const x0 = a[ar + p * ap], x1 = a[ar + (p + 1) * ap], x2 = a[ar + (p + 2) * ap], x3 = a[ar + (p + 3) * ap];
      const r0 = bOffset + p * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      for (let j = 0; j < n; j++) acc[j] += x0 * b[r0 + j] + x1 * b[r1 + j] + (x2 * b[r2 + j] + x3 * b[r3 + j]);
    }
    for (let p = k4; p < k; p++) {
      const x = a[ar + p * ap], r = bOffset + p * n;
      for (let j = 0; j < n; j++) acc[j] += x * b[r + j];
    }
    const cr = cOffset + i * n;
    for (let j = 0; j < n; j++) c[cr + j] = acc[j];
  }
}

/** op(B) of at most this many elements stays in L1 while `axpyInRegisters` walks it once per four columns. */
const SMALL_B = 4096;

/**
 * gemmDirect's row updates for a small op(B) (not transposed), four columns of C at a time in local
 * accumulators instead of a scratch row: each element sums the same terms in the same order (groups of
 * four rows of B, then the rest one by one), so the results are the same bits. A 10×8 by 8×8 product
 * (a tiny network's layer, apps/bench W6) took 0.81 µs this way against 1.0 µs.
 */
function axpyInRegisters(
  m: number, n: number, k: number, ai: number, ap: number,
  a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, c: FloatArray, cOffset: number,
): void {
  const k4 = k - (k % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const ar = aOffset + i * ai;
    const cr = cOffset + i * n;
    for (let j = 0; j < n4; j += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        const x0 = a[ar + p * ap], x1 = a[ar + (p + 1) * ap], x2 = a[ar + (p + 2) * ap], x3 = a[ar + (p + 3) * ap];
        const r0 = bOffset + p * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
        c0 += x0 * b[r0] + x1 * b[r1] + (x2 * b[r2] + x3 * b[r3]);
        c1 += x0 * b[r0 + 1] + x1 * b[r1 + 1] + (x2 * b[r2 + 1] + x3 * b[r3 + 1]);
        c2 += x0 * b[r0 + 2] + x1 * b[r1 + 2] + (x2 * b[r2 + 2] + x3 * b[r3 + 2]);
        c3 += x0 * b[r0 + 3] + x1 * b[r1 + 3] + (x2 * b[r2 + 3] + x3 * b[r3 + 3]);
      }
      for (; p < k; p++) {
        const x = a[ar + p * ap], r = bOffset + p * n + j;
        c0 += x * b[r];
        c1 += x * b[r + 1];
        c2 += x * b[r + 2];
        c3 += x * b[r + 3];
      }
      c[cr + j] = c0;
      c[cr + j + 1] = c1;
      c[cr + j + 2] = c2;
      c[cr + j + 3] = c3;
    }
    for (let j = n4; j < n; j++) {
      let c0 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        const r0 = bOffset + p * n + j;
        c0 += a[ar + p * ap] * b[r0] + a[ar + (p + 1) * ap] * b[r0 + n] + (a[ar + (p + 2) * ap] * b[r0 + 2 * n] + a[ar + (p + 3) * ap] * b[r0 + 3 * n]);
      }
      for (; p < k; p++) c0 += a[ar + p * ap] * b[bOffset + p * n + j];
      c[cr + j] = c0;
    }
  }
}
