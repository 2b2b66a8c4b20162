import { describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, argmax, cpuBackend, createRng, getBackend, setBackend, sizeOf, tensor, tidy } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

type FloatDType = 'float32' | 'float64';

const rng = createRng(23);
const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1];

/** Normal values with specials mixed in, and with a few values rounded to small integers, so that ties occur. */
function values(shape: Shape, dtype: FloatDType, special: number): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  rng.fillNormal(data);
  for (let i = 0; i < data.length; i++) {
    if (rng.int(3) === 0) data[i] = Math.round(data[i]);
    if (special > 0 && rng.int(special) === 0) data[i] = specials[rng.int(specials.length)];
  }
  return { data, shape, dtype };
}

// NOTE: smallOpsOnCpu false, so that the tiny cases reach the wasm scans (and the lane tails) too.
const wasm = await createWasmBackend({ smallOpsOnCpu: false, threads: 1 });
const defaults = await createWasmBackend({ threads: 1 });

/**
 * [shape, axis]: the last axis (inner 1: pooling windows; windows of 4, four at a time, with 3 left
 * over: [7, 4], [3, 5, 4]), inner 1…9 (lane tails of 4 and 2), outer 1, dim 1.
 */
const cases: [Shape, number][] = [
  [[1], 0], [[7], 0], [[192, 196, 4], 2], [[33, 65], 1], [[33, 65], 0], [[5, 7, 3], 1], [[2, 9, 9], 1], [[4, 1, 6], 1],
  [[3, 257, 5], 1], [[1, 3, 2], 1], [[65, 1], 1], [[2, 3, 4, 7], 0], [[7, 4], 1], [[3, 5, 4], 2],
];

describe('wasm argmax and argmin kernels', () => {
  it.each(['float32', 'float64'] as const)('pick the index the CPU backend picks: first of ties, first NaN, 0 for all −∞ (%s)', (dtype) => {
    for (const backend of [wasm, defaults]) {
      for (const op of ['argmax', 'argmin'] as const) {
        for (const [shape, axis] of cases) {
          for (const special of [0, 5, 2]) {
            const x = values(shape, dtype, special);
            const out = { shape: shape.filter((_, i) => i !== axis), dtype: 'int32' as const };
            const got = backend.kernels[op]([x], { axis, keepDims: false }, out) as Int32Array;
            const want = cpuBackend.kernels[op]([x], { axis, keepDims: false }, out) as Int32Array;
            expect(got).toBeInstanceOf(Int32Array);
            expect(Array.from(got), `${op} ${dtype} [${shape}] axis ${axis}`).toEqual(Array.from(want));
          }
        }
      }
    }
  });

  it('handles the edge cases by hand: ties, NaN, −0 and +0, all −∞', () => {
    const previous = getBackend();
    setBackend(wasm);
    try {
      // rows of 4 along the last axis (the scalar scan) and columns of 4 along the first (the vector scan)
      const rows = [[1, 3, 3, 2], [NaN, 5, NaN, 1], [2, NaN, 9, 9], [-Infinity, -Infinity, -Infinity, -Infinity], [-0, 0, 0, -0]];
      // argmax: the first 3 (1); the first NaN (0); NaN at 1 beats the 9 after it; all −∞ → 0; −0 and 0 tie → 0
      expect(argmax(tensor(rows, undefined, 'float64'), 1).toArray()).toEqual([1, 0, 1, 0, 0]);
      // the same values as columns: five lanes, the first four through the vector scan, the fifth through the tail
      const columns = rows[0].map((_, j) => rows.map((r) => r[j]));
      expect(tidy(() => argmax(tensor(columns, undefined, 'float32'), 0).toArray())).toEqual([1, 0, 1, 0, 0]);
    } finally {
      setBackend(previous);
    }
  });
});
