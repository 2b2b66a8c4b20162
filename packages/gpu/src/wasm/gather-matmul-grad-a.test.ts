import { afterAll, describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, cpuBackend, createRng, sizeOf } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';
import { tapShares } from './gather-matmul-grad-a';

const rng = createRng(23);

function values(shape: Shape, dtype: 'float32' | 'float64'): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  return { data: rng.fillNormal(data), shape, dtype };
}

/** A convolution's [K, P] indices over padded images flattened (with a 1 appended when `bias`): tap kk of position p. */
function windows(c: number, h: number, w: number, kernel: number, stride: number, dilation: number, bias: boolean) {
  const ho = Math.floor((h - dilation * (kernel - 1) - 1) / stride) + 1;
  const wo = Math.floor((w - dilation * (kernel - 1) - 1) / stride) + 1;
  const taps = c * kernel * kernel;
  const k = taps + (bias ? 1 : 0);
  const data = Int32Array.from({ length: k * ho * wo }, (_, at) => {
    const [kk, p] = [Math.floor(at / (ho * wo)), at % (ho * wo)];
    if (kk === taps) return c * h * w;
    const [ch, i, j] = [Math.floor(kk / (kernel * kernel)), Math.floor((kk % (kernel * kernel)) / kernel), kk % kernel];
    return (ch * h + Math.floor(p / wo) * stride + i * dilation) * w + (p % wo) * stride + j * dilation;
  });
  return { indices: { data, shape: [k, ho * wo], dtype: 'int32' } as KernelInput, k, positions: ho * wo, l: c * h * w + (bias ? 1 : 0) };
}

const single = await createWasmBackend({ threads: 1 });
const three = await createWasmBackend({ threads: 3, yieldToOtherProcesses: false });
afterAll(() => three.close());

describe('wasm gatherMatmulGradA', () => {
  it.each(['float32', 'float64'] as const)('matches the CPU backend on a convolution\'s windows, on one thread and bit for bit on three (%s)', (dtype) => {
    // [images, filters, channels, padded height, width, kernel, stride, dilation, bias row]: LeNet-5's C1 and C3, strides, dilations, awkward sizes
    const convs = [
      [32, 6, 1, 32, 32, 5, 1, 1, true], [32, 16, 6, 14, 14, 5, 1, 1, true], [1, 1, 1, 3, 3, 3, 1, 1, false], [3, 3, 2, 6, 5, 2, 1, 1, true],
      [2, 9, 3, 11, 9, 3, 2, 1, true], [4, 17, 2, 13, 12, 3, 1, 2, false], [5, 8, 4, 5, 5, 5, 1, 1, true], [2, 5, 2, 9, 10, 2, 3, 1, true],
    ] as const;
    for (const [n, m, c, h, w, kernel, stride, dilation, bias] of convs) {
      const { indices, k, positions, l } = windows(c, h, w, kernel, stride, dilation, bias);
      const g = values([n, m, positions], dtype);
      const x = values([n, l], dtype);
      const xs = x.data as Float32Array | Float64Array;
      if (bias) for (let i = 0; i < n; i++) xs[i * l + l - 1] = 1;
      const out = { shape: [m, k], dtype };
      const want = cpuBackend.kernels.gatherMatmulGradA([g, x, indices], {}, out) as Float32Array | Float64Array;
      const got = single.kernels.gatherMatmulGradA([g, x, indices], {}, out) as Float32Array | Float64Array;
      expect(got.constructor).toBe(want.constructor);
      // relative to Σ|g||x|: the wasm kernel sums in the element type, the CPU one per image then in float64
      const abs = (t: KernelInput): KernelInput => ({ ...t, data: Float64Array.from(t.data as Float64Array, Math.abs), dtype: 'float64' });
      const scale = cpuBackend.kernels.gatherMatmulGradA([abs(g), abs(x), indices], {}, { ...out, dtype: 'float64' }) as Float64Array;
      const worst = Math.max(...Array.from(want, (v, i) => Math.abs(got[i] - v) / (scale[i] + 1e-300)));
      const label = `${[n, m, c, h, w, kernel, stride, dilation, bias]}`;
      expect(worst, label).toBeLessThan(dtype === 'float32' ? 1e-5 : 1e-13);
      expect(three.kernels.gatherMatmulGradA([g, x, indices], {}, out), `${label} on three threads`).toEqual(got);
    }
  });

  it('leaves indices that do not separate to the CPU kernel', () => {
    const indices: KernelInput = { data: Int32Array.from({ length: 3 * 5 }, () => rng.int(7)), shape: [3, 5], dtype: 'int32' };
    const g = values([2, 4, 5], 'float64');
    const x = values([2, 7], 'float64');
    const out = { shape: [4, 3], dtype: 'float64' as const };
    expect(single.kernels.gatherMatmulGradA([g, x, indices], {}, out)).toEqual(cpuBackend.kernels.gatherMatmulGradA([g, x, indices], {}, out));
  });

  it('shares the taps out in runs of whole tiles of 4, the last run ragged', () => {
    expect(tapShares(150, 1)).toEqual([[0, 150]]);
    expect(tapShares(25, 2)).toEqual([[0, 4], [4, 8], [8, 12], [12, 16], [16, 20], [20, 24], [24, 25]]);
    expect(tapShares(151, 2)).toEqual([[0, 16], [16, 36], [36, 56], [56, 76], [76, 92], [92, 112], [112, 132], [132, 151]]);
    expect(tapShares(3, 2)).toEqual([[0, 3]]);
    expect(tapShares(0, 2)).toEqual([[0, 0]]);
  });
});
