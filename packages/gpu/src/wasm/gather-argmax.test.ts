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

/**
 * The windows of a 2 × 2 max-pooling at stride 2 over rows of `width` entries (`down` windows down,
 * `across` across, the first at `start`), as @nn/conv's maxPool2d makes them: taps (0, 0), (0, 1),
 * (1, 0), (1, 1).
 */
function pooling2x2(down: number, across: number, width: number, start = 0): Int32Array {
  const out = new Int32Array(down * across * 4);
  for (let oy = 0; oy < down; oy++) {
    for (let ox = 0; ox < across; ox++) {
      const s = start + 2 * oy * width + 2 * ox;
      out.set([s, s + 1, s + width, s + width + 1], (oy * across + ox) * 4);
    }
  }
  return out;
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

  it.each(['float32', 'float64'] as const)('picks the CPU backend\'s positions for 2 × 2 poolings at stride 2, the vector path\'s shapes and those next to them (%s)', (dtype) => {
    // [rows, plane, windows down, across, input row width, first window's start]: LeNet-5's two poolings;
    // 4 across (no overlap), 5 and 7 (the last four overlap), an odd row, a start inside a padded plane,
    // one row of windows; 3 and 1 across (the general scan)
    const poolings = [[192, 784, 14, 14, 28, 0], [512, 100, 5, 5, 10, 0], [3, 81, 4, 4, 9, 0], [4, 77, 3, 5, 11, 0], [2, 150, 5, 7, 15, 1],
      [5, 400, 6, 6, 16, 37], [7, 40, 1, 9, 20, 0], [6, 36, 3, 3, 6, 0], [3, 8, 2, 1, 2, 0]] as const;
    for (const backend of [wasm, threaded]) {
      for (const [rows, plane, down, across, width, start] of poolings) {
        for (const special of [0, 4, 2]) {
          const windows: KernelInput = { data: pooling2x2(down, across, width, start), shape: [down * across, 4], dtype: 'int32' };
          const inputs = [values(rows, plane, dtype, special), windows];
          const out = { shape: [rows, down * across], dtype: 'int32' as const };
          const want = Array.from(cpuBackend.kernels.gatherArgmax(inputs, {}, out) as Int32Array);
          expect(Array.from(backend.kernels.gatherArgmax(inputs, {}, out) as Int32Array), `${dtype} [${rows}, ${plane}] ${down} × ${across} windows over rows of ${width} from ${start}, specials 1/${special}`).toEqual(want);
        }
      }
    }
  });

  it('takes windows that are almost a 2 × 2 pooling\'s (one tap moved, a row out of step) by the general scan, with the same positions', () => {
    const moved = pooling2x2(14, 14, 28);
    moved[4 * 100 + 3] -= 1;
    const outOfStep = pooling2x2(6, 6, 16);
    for (let i = 4 * 12; i < 4 * 18; i++) outOfStep[i] += 16;
    for (const [windows, count] of [[moved, 196], [outOfStep, 36]] as const) {
      for (const special of [0, 3]) {
        const inputs = [values(9, 784, 'float32', special), { data: windows, shape: [count, 4], dtype: 'int32' } as KernelInput];
        const out = { shape: [9, count], dtype: 'int32' as const };
        expect(Array.from(wasm.kernels.gatherArgmax(inputs, {}, out) as Int32Array)).toEqual(Array.from(cpuBackend.kernels.gatherArgmax(inputs, {}, out) as Int32Array));
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
