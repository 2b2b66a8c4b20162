import { describe, expect, it } from 'vitest';
import {
  type KernelInput, type Shape, cpuBackend, createRng, fromTypedArray, gather, getBackend, mul, relu, setBackend, sizeOf, sum, tidy, valueAndGrad,
} from '@nn/tensor';
import { isResident } from './arena';
import { THREADED_MIN_COPY_VALUES } from './gather';
import { createWasmBackend } from './create-wasm-backend';

type FloatDType = 'float32' | 'float64';

const rng = createRng(11);
const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1];

function values(shape: Shape, dtype: FloatDType): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  rng.fillNormal(data);
  for (let i = 0; i < data.length; i += 7) data[i] = specials[rng.int(specials.length)];
  return { data, shape, dtype };
}

function indices(count: number, limit: number): KernelInput {
  const data = new Int32Array(count);
  for (let i = 0; i < count; i++) data[i] = rng.int(limit); // repeats, so scatterAdd adds
  return { data, shape: [count], dtype: 'int32' };
}

/** Same length, type and values (NaN equals NaN, +0 differs from −0). */
/** Kernel outputs (typed arrays, typed `unknown` by the Kernel contract) equal element for element, -0 and NaN included. */
function expectSame(got: unknown, want: unknown): void {
  const x = got as Float64Array;
  const y = want as Float64Array;
  expect(x.constructor).toBe(y.constructor);
  expect(x.length).toBe(y.length);
  const bad = Array.from(x).findIndex((v, i) => !Object.is(v, y[i]));
  expect(bad).toBe(-1);
}

// NOTE: smallOpsOnCpu false, so the tiny cases reach the wasm loops (and their unrolled tails) too.
const wasm = await createWasmBackend({ smallOpsOnCpu: false });
const defaults = await createWasmBackend();

/** [x shape, axis, index count]: inner 1 (im2col), inner > 1 (rows), outer 1, empty. */
const cases: [Shape, number, number][] = [
  [[1], 0, 1], [[7], 0, 3], [[5, 9], 1, 13], [[3, 1024], 1, 19_601], [[4, 6, 5], 1, 9], [[2, 3, 4, 33], 2, 7],
  [[300], 0, 4_097], [[6, 0], 0, 4], [[2, 5], 1, 0],
];

describe('wasm gather and scatterAdd kernels', () => {
  it.each(['float32', 'float64'] as const)('gather exactly as the CPU backend does (%s)', (dtype) => {
    for (const backend of [wasm, defaults]) {
      for (const [shape, axis, count] of cases) {
        const x = values(shape, dtype);
        const idx = indices(count, Math.max(shape[axis], 1));
        if (shape[axis] === 0 && count > 0) continue;
        const outShape = [...shape.slice(0, axis), count, ...shape.slice(axis + 1)];
        const out = { shape: outShape, dtype };
        expectSame(backend.kernels.gather([x, idx], { axis }, out), cpuBackend.kernels.gather([x, idx], { axis }, out));
      }
    }
  });

  it.each(['float32', 'float64'] as const)('scatterAdd exactly as the CPU backend does, repeats added in order (%s)', (dtype) => {
    for (const backend of [wasm, defaults]) {
      for (const [shape, axis, count] of cases) {
        if (shape[axis] === 0) continue;
        const uShape = [...shape.slice(0, axis), count, ...shape.slice(axis + 1)];
        const u = values(uShape, dtype);
        const idx = indices(count, shape[axis]);
        const out = { shape, dtype };
        expectSame(backend.kernels.scatterAdd([u, idx], { axis, size: shape[axis] }, out), cpuBackend.kernels.scatterAdd([u, idx], { axis, size: shape[axis] }, out));
      }
    }
  });

  it('reads an x already in wasm memory (inside tidy) on the wasm loop even when picking a quarter of it, as a max-pooling does', () => {
    const previous = getBackend();
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        const xs = values([4 * 1000], dtype);
        const idx = indices(1000, 4000);
        const u = values([1000], dtype);
        const wantAdd = cpuBackend.kernels.scatterAdd([u, idx], { axis: 0, size: 4000 }, { shape: [4000], dtype });
        setBackend(defaults);
        tidy(() => {
          const x = relu(fromTypedArray(xs.data as Float32Array, [4000], dtype)); // made in wasm memory
          const picked = gather(x, fromTypedArray(idx.data as Int32Array, [1000], 'int32'), 0);
          expect(isResident(picked.storage)).toBe(true);
          expectSame(picked.dataSync(), cpuBackend.kernels.gather([{ ...xs, data: x.dataSync() }, idx], { axis: 0 }, { shape: [1000], dtype }));
          const { grads } = valueAndGrad((p) => sum(mul(gather(p.x, fromTypedArray(idx.data as Int32Array, [1000], 'int32'), 0), fromTypedArray(u.data as Float32Array, [1000], dtype))), { x });
          expect(isResident(grads.x.storage)).toBe(true);
          expectSame(grads.x.dataSync(), wantAdd);
        });
        setBackend(previous);
      }
    } finally {
      setBackend(previous);
    }
  });

  it.each(['float32', 'float64'] as const)('picks a few rows of a large host array (a batch of a data set) into wasm memory inside tidy, rows of 1 and 784 values, on one thread and two (%s)', async (dtype) => {
    const previous = getBackend();
    const threaded = await createWasmBackend({ threads: 2, yieldToOtherProcesses: false });
    try {
      for (const backend of [defaults, threaded]) {
        // [rows, row length, picks, outer]: a batch of 64 digits out of 2,000; of 300 labels-like scalars; the middle axis of [3, 500, 40]
        for (const [rows, inner, count, outer] of [[2000, 784, 64, 1], [5000, 1, 300, 1], [500, 40, 37, 3]] as const) {
          const xs = values([outer * rows * inner], dtype);
          const idx = indices(count, rows);
          const shape = outer === 1 ? [rows, inner] : [outer, rows, inner];
          const axis = outer === 1 ? 0 : 1;
          const want = cpuBackend.kernels.gather([{ ...xs, shape }, idx], { axis }, { shape: outer === 1 ? [count, inner] : [outer, count, inner], dtype });
          setBackend(backend);
          const x = fromTypedArray(xs.data as Float32Array, shape, dtype);
          tidy(() => {
            const picked = gather(x, fromTypedArray(idx.data as Int32Array, [count], 'int32'), axis);
            expect(isResident(picked.storage), `[${shape}] axis ${axis}`).toBe(true);
            expectSame(picked.dataSync(), want);
          });
          // outside tidy a host array, as before
          const outside = gather(x, fromTypedArray(idx.data as Int32Array, [count], 'int32'), axis);
          expect(isResident(outside.storage)).toBe(false);
          expectSame(outside.dataSync(), want);
          setBackend(previous);
        }
        expect(backend.residentBytes).toBe(0);
      }
    } finally {
      setBackend(previous);
      await threaded.close();
    }
  });

  it('splits a large im2col and col2im between threads by images, bit for bit the one-thread result', async () => {
    const three = await createWasmBackend({ threads: 3, yieldToOtherProcesses: false });
    const previous = getBackend();
    try {
      // 37 images (ragged shares) of 1,025 values, 26 × 784 columns each: 754,208 values moved, above THREADED_MIN_COPY_VALUES
      const cols = Int32Array.from({ length: 26 * 784 }, () => rng.int(1025));
      for (const dtype of ['float32', 'float64'] as const) {
        const xs = values([37, 1025], dtype);
        const u = values([37, 26, 784], dtype);
        expect(37 * 26 * 784).toBeGreaterThan(THREADED_MIN_COPY_VALUES);
        const idx: KernelInput = { data: cols, shape: [26, 784], dtype: 'int32' };
        const wantGather = cpuBackend.kernels.gather([xs, idx], { axis: 1 }, { shape: [37, 26, 784], dtype });
        const wantAdd = cpuBackend.kernels.scatterAdd([u, idx], { axis: 1, size: 1025 }, { shape: [37, 1025], dtype });
        setBackend(three);
        tidy(() => {
          // NOTE: inside tidy, where the backend's kernels run over the shared memory that its helpers read
          const indices = fromTypedArray(cols, [26, 784], 'int32');
          expectSame(gather(fromTypedArray(xs.data as Float32Array, [37, 1025], dtype), indices, 1).dataSync(), wantGather);
          const { grads } = valueAndGrad((p) => sum(mul(gather(p.x, indices, 1), fromTypedArray(u.data as Float32Array, [37, 26, 784], dtype))), { x: fromTypedArray(xs.data as Float32Array, [37, 1025], dtype) });
          expectSame(grads.x.dataSync(), wantAdd);
        });
        setBackend(previous);
      }
    } finally {
      setBackend(previous);
      await three.close();
    }
  });

  it.each(['float32', 'float64'] as const)('gathers and scatter-adds runs of consecutive indices (im2col / col2im) as the CPU backend does (%s)', (dtype) => {
    // im2col indices of a 3×3 window over a 9×11 image (outputs 7×9: rows of 9, so runs of 9 that
    // groups of four straddle), then runs of 4, 5 and 8 from random starts, overlapping for scatterAdd
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let oy = 0; oy < 7; oy++) for (let ox = 0; ox < 9; ox++) runs.push((oy + i) * 11 + ox + j);
    for (const length of [4, 5, 8, 4, 3]) {
      const start = rng.int(99 - length);
      for (let t = 0; t < length; t++) runs.push(start + t);
    }
    const idx: KernelInput = { data: Int32Array.from(runs), shape: [runs.length], dtype: 'int32' };
    for (const backend of [wasm, defaults]) {
      for (const outer of [1, 3]) {
        const x = values([outer, 99], dtype);
        const out = { shape: [outer, runs.length], dtype };
        expectSame(backend.kernels.gather([x, idx], { axis: 1 }, out), cpuBackend.kernels.gather([x, idx], { axis: 1 }, out));
        const u = values([outer, runs.length], dtype);
        const sums = { shape: [outer, 99], dtype };
        expectSame(backend.kernels.scatterAdd([u, idx], { axis: 1, size: 99 }, sums), cpuBackend.kernels.scatterAdd([u, idx], { axis: 1, size: 99 }, sums));
      }
    }
  });

  it('leaves int32 to the CPU kernels', () => {
    const x: KernelInput = { data: Int32Array.from({ length: 600 }, (_, i) => i), shape: [600], dtype: 'int32' };
    const idx = indices(500, 600);
    const out = { shape: [500], dtype: 'int32' as const };
    expectSame(wasm.kernels.gather([x, idx], { axis: 0 }, out), cpuBackend.kernels.gather([x, idx], { axis: 0 }, out));
  });
});
