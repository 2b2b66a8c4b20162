import { afterAll, describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, cpuBackend, createRng, sizeOf } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';
import { instantiateKernelsSync } from './kernels-module';

const rng = createRng(17);

function values(shape: Shape, dtype: 'float32' | 'float64'): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  return { data: rng.fillNormal(data), shape, dtype };
}

/** [K, P] int32 indices into [0, L), with repeats, as overlapping windows read. */
function indices(k: number, p: number, l: number): KernelInput {
  return { data: Int32Array.from({ length: k * p }, () => rng.int(l)), shape: [k, p], dtype: 'int32' };
}

const single = await createWasmBackend({ threads: 1 });
const three = await createWasmBackend({ threads: 3, yieldToOtherProcesses: false });
afterAll(() => three.close());

/** [N, M, K, P, L]: 1s, sizes around the 4×8 register tile, a KC-block edge (k 300), LeNet-5's C1 and C3. */
const cases = [[1, 1, 1, 1, 1], [3, 7, 9, 33, 12], [2, 5, 300, 65, 40], [4, 6, 26, 784, 786], [5, 16, 151, 100, 1178], [1, 257, 33, 20, 50]];

/** A module of the kernels with a page of memory to spare, its first free byte past 64 of margin, and an int32 view of its memory. */
function plannerMemory() {
  const wasm = instantiateKernelsSync();
  wasm.memory.grow(1);
  return { wasm, base: wasm.heapBase() + 64, i32: new Int32Array(wasm.memory.buffer) };
}

describe('wasm gatherMatmul', () => {
  it.each(['float32', 'float64'] as const)('matches the CPU backend, on one thread and split over three (%s)', (dtype) => {
    for (const [n, m, k, p, l] of cases) {
      const a = values([m, k], dtype);
      const x = values([n, l], dtype);
      const idx = indices(k, p, l);
      const out = { shape: [n, m, p], dtype };
      const want = cpuBackend.kernels.gatherMatmul([a, x, idx], {}, out) as Float32Array | Float64Array;
      const got = single.kernels.gatherMatmul([a, x, idx], {}, out) as Float32Array | Float64Array;
      expect(got.constructor).toBe(want.constructor);
      // float32 sums in float32 in wasm, in float64 in JS: compare relative to Σ|a||x|
      const scale = cpuBackend.kernels.gatherMatmul([
        { ...a, data: Float64Array.from(a.data as Float64Array, Math.abs), dtype: 'float64' },
        { ...x, data: Float64Array.from(x.data as Float64Array, Math.abs), dtype: 'float64' }, idx,
      ], {}, { ...out, dtype: 'float64' }) as Float64Array;
      const worst = Math.max(...Array.from(want, (v, i) => Math.abs(got[i] - v) / (scale[i] + 1e-300)));
      expect(worst, `${[n, m, k, p, l]}`).toBeLessThan(dtype === 'float32' ? 1e-5 : 1e-13);
      expect(three.kernels.gatherMatmul([a, x, idx], {}, out), `${[n, m, k, p, l]} on three threads`).toEqual(got);
    }
  });

  it.each(['float32', 'float64'] as const)('matches the CPU backend on im2col-like indices: runs of consecutive entries broken by row ends and padding (%s)', (dtype) => {
    // the columns of a 5×5 convolution with padding 2 over 11×13 images: runs of 13, a shared zero slot
    const [h, w, kh, kw, pad] = [11, 13, 5, 5, 2];
    const l = h * w + 1;
    const idx = Int32Array.from({ length: kh * kw * h * w }, (_, at) => {
      const tap = Math.floor(at / (h * w));
      const [i, j] = [Math.floor(tap / kw), tap % kw];
      const [oy, ox] = [Math.floor((at % (h * w)) / w), at % w];
      const [y, x] = [oy + i - pad, ox + j - pad];
      return y >= 0 && y < h && x >= 0 && x < w ? y * w + x : h * w;
    });
    const indices: KernelInput = { data: idx, shape: [kh * kw, h * w], dtype: 'int32' };
    const a = values([6, kh * kw], dtype);
    const x = values([3, l], dtype);
    (x.data as Float32Array | Float64Array).fill(0, l - 1, l);
    const out = { shape: [3, 6, h * w], dtype };
    const want = cpuBackend.kernels.gatherMatmul([a, x, indices], {}, out) as Float32Array | Float64Array;
    const got = single.kernels.gatherMatmul([a, x, indices], {}, out) as Float32Array | Float64Array;
    const cols = single.kernels.gather([x, indices], { axis: 1 }, { shape: [3, kh * kw, h * w], dtype });
    const viaMatmul = single.kernels.matmul([a, { data: cols, shape: [3, kh * kw, h * w], dtype }], { transposeA: false, transposeB: false }, out);
    expect(got).toEqual(viaMatmul);
    expect(Array.from(got)).toBeAllClose(Array.from(want), { rtol: 1e-5, atol: 1e-5 });
  });

  it('gives bit for bit what the wasm matmul gives on the gathered columns', () => {
    const [n, m, k, p, l] = [3, 6, 26, 784, 786];
    const a = values([m, k], 'float32');
    const x = values([n, l], 'float32');
    const idx = indices(k, p, l);
    const cols = single.kernels.gather([x, idx], { axis: 1 }, { shape: [n, k, p], dtype: 'float32' }) as Float32Array;
    const viaMatmul = single.kernels.matmul([a, { data: cols, shape: [n, k, p], dtype: 'float32' }], { transposeA: false, transposeB: false }, { shape: [n, m, p], dtype: 'float32' });
    expect(single.kernels.gatherMatmul([a, x, idx], {}, { shape: [n, m, p], dtype: 'float32' })).toEqual(viaMatmul);
  });

  it.each(['float32', 'float64'] as const)('reads separable indices straight from x: windows at strides and dilations, with a bias row, awkward sizes (%s)', (dtype) => {
    // [filters, channels, padded height, width, kernel, stride, dilation, bias row]
    const convs = [
      [1, 1, 3, 3, 3, 1, 1, false], [3, 2, 6, 5, 2, 1, 1, true], [6, 1, 32, 32, 5, 1, 1, true], [16, 6, 14, 14, 5, 1, 1, true],
      [9, 3, 11, 9, 3, 2, 1, true], [17, 2, 13, 12, 3, 1, 2, false], [8, 4, 5, 5, 5, 1, 1, true], [5, 2, 9, 10, 2, 3, 1, true],
      // 6 filters or fewer, rows of 4 or more at stride 1 (the row tiles): rows of 11 and 13, the last tile overlapping
      [4, 2, 12, 13, 3, 1, 1, true], [1, 1, 10, 17, 3, 1, 2, false], [6, 3, 7, 9, 5, 1, 1, true],
    ] as const;
    for (const [m, c, h, w, kernel, stride, dilation, bias] of convs) {
      const ho = Math.floor((h - dilation * (kernel - 1) - 1) / stride) + 1;
      const wo = Math.floor((w - dilation * (kernel - 1) - 1) / stride) + 1;
      const taps = c * kernel * kernel;
      const k = taps + (bias ? 1 : 0);
      const l = c * h * w + (bias ? 1 : 0);
      const idx = Int32Array.from({ length: k * ho * wo }, (_, at) => {
        const [kk, p] = [Math.floor(at / (ho * wo)), at % (ho * wo)];
        if (kk === taps) return c * h * w;
        const [ch, i, j] = [Math.floor(kk / (kernel * kernel)), Math.floor((kk % (kernel * kernel)) / kernel), kk % kernel];
        const [oy, ox] = [Math.floor(p / wo), p % wo];
        return (ch * h + oy * stride + i * dilation) * w + ox * stride + j * dilation;
      });
      const indices: KernelInput = { data: idx, shape: [k, ho * wo], dtype: 'int32' };
      const a = values([m, k], dtype);
      const x = values([3, l], dtype);
      const xs = x.data as Float32Array | Float64Array;
      if (bias) for (let i = 0; i < 3; i++) xs[i * l + l - 1] = 1;
      const out = { shape: [3, m, ho * wo], dtype };
      const want = cpuBackend.kernels.gatherMatmul([a, x, indices], {}, out) as Float32Array | Float64Array;
      const got = single.kernels.gatherMatmul([a, x, indices], {}, out) as Float32Array | Float64Array;
      const tolerance = dtype === 'float32' ? { rtol: 1e-5, atol: 1e-5 } : { rtol: 1e-12, atol: 1e-12 };
      expect(Array.from(got), `${[m, c, h, w, kernel, stride, dilation, bias]}`).toBeAllClose(Array.from(want), tolerance);
      expect(three.kernels.gatherMatmul([a, x, indices], {}, out), `${[m, c, h, w, kernel, stride, dilation, bias]} on three threads`).toEqual(got);
      // one image split by filters or positions between the three threads: each entry sums in the same order
      const one = { shape: [1, m, ho * wo], dtype };
      const x1 = { ...x, data: xs.slice(0, l), shape: [1, l] };
      expect(three.kernels.gatherMatmul([a, x1, indices], {}, one)).toEqual(got.slice(0, m * ho * wo));
    }
  });

  it('plans separable indices: the columns\' bases, the separable rows first, their offsets; constant rows by their one index; −1 for others', () => {
    const { wasm, base, i32 } = plannerMemory();
    const plan = base + 256;
    // 4 rows of 3 columns: a constant row, the bases (2, 5, 9), the bases + 1, another constant row
    i32.set([7, 7, 7, 2, 5, 9, 3, 6, 10, 0, 0, 0], base / 4);
    expect(wasm.planSeparable(3, 4, base, plan, 4)).toBe(2);
    expect(wasm.separablePlanBytes(3, 4)).toBe(44);
    // bases in bytes, then the order (separable rows 1, 2; constant rows 0, 3), then offsets in bytes
    expect(Array.from(i32.subarray(plan / 4, plan / 4 + 11))).toEqual([8, 20, 36, 1, 2, 0, 3, 0, 4, 28, 0]);
    expect(wasm.planSeparable(3, 4, base, plan, 8)).toBe(2);
    expect(Array.from(i32.subarray(plan / 4, plan / 4 + 11))).toEqual([16, 40, 72, 1, 2, 0, 3, 0, 8, 56, 0]);
    // a row that is neither a shift of the bases nor constant
    i32.set([2, 5, 9, 3, 6, 11], base / 4);
    expect(wasm.planSeparable(3, 2, base, plan, 4)).toBe(-1);
    // every row constant: none separable
    i32.set([4, 4, 1, 1], base / 4);
    expect(wasm.planSeparable(2, 2, base, plan, 4)).toBe(0);
  });

  it('plans row tiles: runs of 4 consecutive positions along each output row, the last overlapping; −1 for a row shorter than 4', () => {
    const { wasm, base: plan, i32 } = plannerMemory();
    const tiles = plan + 256;
    // bases in bytes (float32): a row of 6 from entry 0, a row of 4 from entry 10, a row of 9 from entry 20
    const rows = [[0, 6], [10, 4], [20, 9]];
    i32.set(rows.flatMap(([start, length]) => Array.from({ length }, (_, j) => 4 * (start + j))), plan / 4);
    expect(wasm.planRowTiles(19, plan, tiles)).toBe(6);
    expect(Array.from(i32.subarray(tiles / 4, tiles / 4 + 6))).toEqual([0, 2, 6, 10, 14, 15]);
    // a stride of 2: runs of one
    i32.set([0, 8, 16, 24, 32], plan / 4);
    expect(wasm.planRowTiles(5, plan, tiles)).toBe(-1);
    // a row of 3
    i32.set([0, 4, 8, 40, 44, 48, 52], plan / 4);
    expect(wasm.planRowTiles(7, plan, tiles)).toBe(-1);
  });

  it('plans each panel row once: one run (0), two runs split at a lane (that lane), or element by element (−1)', () => {
    const { wasm, base, i32 } = plannerMemory();
    // 3 rows of 8 float32 columns (one panel each): a run; a row crossing at lane 5 (10..14, then 20..22); a jumble
    const rows = [[3, 4, 5, 6, 7, 8, 9, 10], [10, 11, 12, 13, 14, 20, 21, 22], [0, 0, 0, 0, 9, 9, 9, 9]];
    const plan = base + 256;
    i32.set(rows.flat(), base / 4);
    wasm.planGathered(8, 3, base, plan, 4);
    expect(Array.from(i32.subarray(plan / 4, plan / 4 + 3))).toEqual([0, 5, -1]);
    expect(wasm.gatheredPlanBytes(8, 3, 4)).toBe(12);
    // float64 panels are 4 wide: two panels a row
    wasm.planGathered(8, 3, base, plan, 8);
    expect(Array.from(i32.subarray(plan / 4, plan / 4 + 6))).toEqual([0, 0, 0, 1, -1, -1]);
  });
});
