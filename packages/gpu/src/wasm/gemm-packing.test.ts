import { describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, cpuBackend, createRng, sizeOf } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

// GEMM's packing by 4 × 4 vector transposes (`interleave4`, `interleavePartial` in assembly/gemm.ts):
// a row-major A's panels of 4 rows and their remainders of 1–3 rows, a transposed B's panels of 8
// columns (4 in float64) and their remainders of every width, over depths that end in a whole
// transpose, in a part of one, and past a KC block of 256.

type FloatDType = 'float32' | 'float64';
type FloatArray = Float32Array | Float64Array;

const rng = createRng(99);

function input(shape: Shape, dtype: FloatDType): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  return { data: rng.fillNormal(data), shape, dtype };
}

// NOTE: smallOpsOnCpu false, so that every product, however small, runs the wasm GEMM.
const wasm = await createWasmBackend({ smallOpsOnCpu: false, threads: 1 });

/** max |wasm − cpu| / Σ|a·b| over the output (the error a different summation order makes). */
function worstError(a: KernelInput, b: KernelInput, transposeA: boolean, transposeB: boolean, m: number, n: number): number {
  const attrs = { transposeA, transposeB };
  const out = { shape: [m, n], dtype: a.dtype };
  const got = wasm.kernels.matmul([a, b], attrs, out) as FloatArray;
  const want = cpuBackend.kernels.matmul([a, b], attrs, out) as FloatArray;
  const abs = (x: KernelInput): KernelInput => ({ data: Float64Array.from(x.data as FloatArray, Math.abs), shape: x.shape, dtype: 'float64' });
  const scale = cpuBackend.kernels.matmul([abs(a), abs(b)], attrs, { ...out, dtype: 'float64' }) as Float64Array;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (scale[i] + 1e-300));
  return worst;
}

const rtol: Record<FloatDType, number> = { float32: 1e-5, float64: 1e-13 };

describe('wasm GEMM packing', () => {
  it.each(['float32', 'float64'] as const)('matches the CPU backend for every row remainder of A and column remainder of Bᵀ (%s)', (dtype) => {
    for (const k of [1, 4, 6, 258]) {
      for (let m = 1; m <= 9; m++) {
        for (let n = 1; n <= 17; n++) {
          for (const [ta, tb] of [[false, true], [false, false], [true, true]] as const) {
            const a = input(ta ? [k, m] : [m, k], dtype);
            const b = input(tb ? [n, k] : [k, n], dtype);
            expect(worstError(a, b, ta, tb, m, n), `${m}×${n}×${k} transposeA=${ta} transposeB=${tb}`).toBeLessThan(rtol[dtype]);
          }
        }
      }
    }
  });

  it('packs the weight gradient of LeNet-5\'s C1 (g·colsᵀ: 6 × 26, depth 784) as the CPU backend computes it', () => {
    const g = input([6, 784], 'float32');
    const cols = input([26, 784], 'float32');
    expect(worstError(g, cols, false, true, 6, 26)).toBeLessThan(rtol.float32);
  });
});
