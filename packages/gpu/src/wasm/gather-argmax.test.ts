import { describe, expect, it } from 'vitest';
import { type KernelInput, cpuBackend, createRng, fromTypedArray, gatherArgmax, neg, setBackend, tidy, getBackend } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

type FloatDType = 'float32' | 'float64';

const rng = createRng(29);
const specials = [0, -0, Infinity, -Infinity, NaN];

/** x [rows, plane]: normals, a third rounded to small integers (ties), specials mixed in one in `special`. */
function values(rows: number, plane: number, dtype: FloatDType, special: number): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(rows * plane) : new Float64Array(rows * plane);
  rng.fillNormal(data);
  for (let i = 0; i < data.length; i++) {
    if (rng.int(3) === 0) data[i] = Math.round(data[i]);
    if (special > 0 && rng.int(special) === 0) data[i] = specials[rng.int(specials.length)];
  }
  return { data, shape: [rows, plane], dtype };
}

/** windows [count, taps]: random taps (overlapping, repeated) within [0, plane). */
function windows(count: number, taps: number, plane: number): KernelInput {
  return { data: Int32Array.from({ length: count * taps }, () => rng.int(plane)), shape: [count, taps], dtype: 'int32' };
}

// NOTE: smallOpsOnCpu false, so that the tiny cases reach the wasm scan too.
const wasm = await createWasmBackend({ smallOpsOnCpu: false, threads: 1 });
const threaded = await createWasmBackend({ smallOpsOnCpu: false, threads: 2, yieldToOtherProcesses: false });

/** [rows, plane, count, taps]: LeNet-5's two poolings at batch 32, awkward shapes, one tap, one row. */
const cases = [[192, 784, 196, 4], [512, 100, 25, 4], [1, 1, 1, 1], [3, 7, 5, 3], [7, 13, 11, 9], [1, 33, 65, 2], [5, 2, 3, 5]] as const;

describe('wasm gatherArgmax kernel', () => {
  it.each(['float32', 'float64'] as const)('picks the positions the CPU backend picks: first of ties, first NaN, the first tap for all −∞ (%s)', (dtype) => {
    for (const backend of [wasm, threaded]) {
      for (const [rows, plane, count, taps] of cases) {
        for (const special of [0, 4, 2]) {
          const inputs = [values(rows, plane, dtype, special), windows(count, taps, plane)];
          const out = { shape: [rows, count], dtype: 'int32' as const };
          const got = backend.kernels.gatherArgmax(inputs, {}, out) as Int32Array;
          const want = cpuBackend.kernels.gatherArgmax(inputs, {}, out) as Int32Array;
          expect(got).toBeInstanceOf(Int32Array);
          expect(Array.from(got), `${dtype} [${rows}, ${plane}] windows [${count}, ${taps}] specials 1/${special}`).toEqual(Array.from(want));
        }
      }
    }
  });

  it('reads an x that lies in wasm memory (a result inside tidy), on one thread and two', () => {
    const previous = getBackend();
    try {
      for (const backend of [wasm, threaded]) {
        setBackend(backend);
        const x = values(64, 100, 'float32', 3);
        const w = windows(25, 4, 100);
        const want = cpuBackend.kernels.gatherArgmax([{ ...x, data: (x.data as Float32Array).map((v) => -v) }, w], {}, { shape: [64, 25], dtype: 'int32' }) as Int32Array;
        const got = tidy(() => gatherArgmax(neg(fromTypedArray(x.data as Float32Array, [64, 100], 'float32')), fromTypedArray(w.data as Int32Array, [25, 4], 'int32')).dataSync());
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    } finally {
      setBackend(previous);
    }
  });
});
