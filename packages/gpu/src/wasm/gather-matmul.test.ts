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

  it('plans each panel row once: one run (0), two runs split at a lane (that lane), or element by element (−1)', () => {
    const wasm = instantiateKernelsSync();
    wasm.memory.grow(1);
    // 3 rows of 8 float32 columns (one panel each): a run; a row crossing at lane 5 (10..14, then 20..22); a jumble
    const rows = [[3, 4, 5, 6, 7, 8, 9, 10], [10, 11, 12, 13, 14, 20, 21, 22], [0, 0, 0, 0, 9, 9, 9, 9]];
    const base = wasm.heapBase() + 64;
    const plan = base + 256;
    const i32 = new Int32Array(wasm.memory.buffer);
    i32.set(rows.flat(), base / 4);
    wasm.planGathered(8, 3, base, plan, 4);
    expect(Array.from(i32.subarray(plan / 4, plan / 4 + 3))).toEqual([0, 5, -1]);
    expect(wasm.gatheredPlanBytes(8, 3, 4)).toBe(12);
    // float64 panels are 4 wide: two panels a row
    wasm.planGathered(8, 3, base, plan, 8);
    expect(Array.from(i32.subarray(plan / 4, plan / 4 + 6))).toEqual([0, 0, 0, 1, -1, -1]);
  });
});
