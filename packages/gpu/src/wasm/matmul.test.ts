import { describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, broadcastShapes, cpuBackend, createRng, sizeOf } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

type FloatDType = 'float32' | 'float64';
type FloatArray = Float32Array | Float64Array;

const rng = createRng(2024);

function input(shape: Shape, dtype: FloatDType): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  return { data: rng.fillNormal(data), shape, dtype };
}

/** |x| as float64, for the scale of rounding error. */
function absolute(x: KernelInput): KernelInput {
  return { data: Float64Array.from(x.data as FloatArray, Math.abs), shape: x.shape, dtype: 'float64' };
}

/**
 * The largest |wasm − cpu| / (|A|·|B|) over the output: the error relative to the magnitude of the
 * summed terms, which is what a different summation order (or float32 accumulation) changes.
 */
function worstError(a: KernelInput, b: KernelInput, transposeA: boolean, transposeB: boolean): number {
  const attrs = { transposeA, transposeB };
  const m = transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
  const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  const batch = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = { shape: [...batch, m, n], dtype: a.dtype };
  const got = wasm.kernels.matmul([a, b], attrs, out) as FloatArray;
  const want = cpuBackend.kernels.matmul([a, b], attrs, out) as FloatArray;
  const scale = cpuBackend.kernels.matmul([absolute(a), absolute(b)], attrs, { ...out, dtype: 'float64' }) as Float64Array;
  expect(got.constructor).toBe(want.constructor);
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (scale[i] + 1e-300));
  return worst;
}

/** Tolerances relative to Σ|a·b|: float32 accumulates in float32 in wasm and in float64 in JS. */
const rtol: Record<FloatDType, number> = { float32: 1e-5, float64: 1e-13 };
const dtypes: FloatDType[] = ['float32', 'float64'];
const transposes = [[false, false], [false, true], [true, false], [true, true]] as const;
const awkward = [1, 7, 33, 65];

// NOTE: smallOpsOnCpu false, so even 1×1×1 and dot products run the wasm kernel, not the JS fallback.
const wasm = await createWasmBackend({ smallOpsOnCpu: false });

describe('wasm matmul', () => {
  it.each(dtypes)('matches the CPU backend on every size in {1, 7, 33, 65}³, all four transpose combinations (%s)', (dtype) => {
    for (const m of awkward) for (const n of awkward) for (const k of awkward) {
      for (const [ta, tb] of transposes) {
        const a = input(ta ? [k, m] : [m, k], dtype);
        const b = input(tb ? [n, k] : [k, n], dtype);
        expect(worstError(a, b, ta, tb), `${m}×${n}×${k} transposeA=${ta} transposeB=${tb}`).toBeLessThan(rtol[dtype]);
      }
    }
  });

  it.each(dtypes)('matches across the blocking edges: 257 and 300 in each dimension, k past two KC blocks (%s)', (dtype) => {
    for (const [m, n, k] of [[257, 65, 33], [33, 257, 65], [65, 33, 257], [257, 257, 257], [130, 9, 600], [300, 300, 70]]) {
      for (const [ta, tb] of transposes) {
        const a = input(ta ? [k, m] : [m, k], dtype);
        const b = input(tb ? [n, k] : [k, n], dtype);
        expect(worstError(a, b, ta, tb), `${m}×${n}×${k} transposeA=${ta} transposeB=${tb}`).toBeLessThan(rtol[dtype]);
      }
    }
  });

  it.each(dtypes)('multiplies batches, broadcasting the leading axes (%s)', (dtype) => {
    const cases: [Shape, Shape][] = [
      [[3, 7, 33], [33, 65]], // B shared by the batch
      [[7, 33], [4, 33, 65]], // A shared
      [[1, 7, 33], [4, 33, 65]],
      [[2, 1, 7, 33], [3, 33, 65]], // batch [2, 3]
      [[5, 65, 1], [5, 1, 7]], // outer products
    ];
    for (const [as, bs] of cases) {
      for (const [ta, tb] of transposes) {
        const swap = (s: Shape, t: boolean): Shape => (t ? [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]] : s);
        const a = input(swap(as, ta), dtype);
        const b = input(swap(bs, tb), dtype);
        expect(worstError(a, b, ta, tb), `[${as}]·[${bs}] transposeA=${ta} transposeB=${tb}`).toBeLessThan(rtol[dtype]);
      }
    }
  });

  it('gives the exact product on small integers, where every summation order agrees', () => {
    for (const dtype of dtypes) {
      const ints = (shape: Shape): KernelInput => {
        const x = input(shape, dtype);
        const d = x.data as FloatArray;
        for (let i = 0; i < d.length; i++) d[i] = Math.round(d[i] * 2);
        return x;
      };
      const a = ints([65, 257]);
      const b = ints([257, 33]);
      const attrs = { transposeA: false, transposeB: false };
      const out = { shape: [65, 33], dtype };
      expect(Array.from(wasm.kernels.matmul([a, b], attrs, out) as FloatArray)).toEqual(Array.from(cpuBackend.kernels.matmul([a, b], attrs, out) as FloatArray));
    }
  });

  it('writes zeros for k = 0 and an empty array for m = 0', () => {
    const attrs = { transposeA: false, transposeB: false };
    const zeroK = wasm.kernels.matmul([input([3, 0], 'float32'), input([0, 5], 'float32')], attrs, { shape: [3, 5], dtype: 'float32' });
    expect(Array.from(zeroK as Float32Array)).toEqual(new Array(15).fill(0));
    const zeroM = wasm.kernels.matmul([input([0, 4], 'float64'), input([4, 5], 'float64')], attrs, { shape: [0, 5], dtype: 'float64' });
    expect(zeroM).toBeInstanceOf(Float64Array);
    expect((zeroM as Float64Array).length).toBe(0);
  });

  it('keeps an infinity in its column and a NaN in its row', () => {
    const a = input([9, 40], 'float32');
    const b = input([40, 11], 'float32');
    (b.data as Float32Array)[3 * 11 + 5] = Infinity;
    (a.data as Float32Array)[2 * 40] = NaN;
    const got = wasm.kernels.matmul([a, b], { transposeA: false, transposeB: false }, { shape: [9, 11], dtype: 'float32' }) as Float32Array;
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 11; j++) {
        const v = got[i * 11 + j];
        if (i === 2) expect(v).toBeNaN();
        else if (j === 5) expect(Math.abs(v)).toBe(Infinity);
        else expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('returns fresh arrays that later calls leave alone, growing its memory as needed', () => {
    const attrs = { transposeA: false, transposeB: false };
    const a = input([8, 8], 'float32');
    const first = wasm.kernels.matmul([a, a], attrs, { shape: [8, 8], dtype: 'float32' }) as Float32Array;
    const copy = first.slice();
    // a product much larger than the memory so far, then a small one again
    wasm.kernels.matmul([input([700, 600], 'float64'), input([600, 500], 'float64')], attrs, { shape: [700, 500], dtype: 'float64' });
    wasm.kernels.matmul([a, a], attrs, { shape: [8, 8], dtype: 'float32' });
    expect(Array.from(first)).toEqual(Array.from(copy));
  });

  it('leaves dot-product-like shapes to the CPU backend by default, with the same result', async () => {
    const defaults = await createWasmBackend();
    const a = input([1, 5000], 'float64');
    const b = input([5000, 1], 'float64');
    const attrs = { transposeA: false, transposeB: false };
    const out = { shape: [1, 1], dtype: 'float64' as const };
    expect(Array.from(defaults.kernels.matmul([a, b], attrs, out) as Float64Array)).toEqual(Array.from(cpuBackend.kernels.matmul([a, b], attrs, out) as Float64Array));
    expect(worstError(a, b, false, false)).toBeLessThan(rtol.float64);
  });
});
