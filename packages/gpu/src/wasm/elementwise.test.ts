import { describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, broadcastShapes, cpuBackend, createRng, fromTypedArray, max, min, setBackend, sizeOf, tidy } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

type FloatDType = 'float32' | 'float64';
type FloatArray = Float32Array | Float64Array;

const rng = createRng(7);
/** Values that tell the IEEE corner cases apart: signed zeros, infinities, NaN, ties for max/min. */
const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5];

/** Random normals with a special value every few elements, so every kernel path meets some. */
function input(shape: Shape, dtype: FloatDType): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  rng.fillNormal(data);
  for (let i = 0; i < data.length; i += 5) data[i] = specials[rng.int(specials.length)];
  return { data, shape, dtype };
}

/** Index of the first element where x and y differ (NaN equals NaN, +0 differs from −0), or -1. */
function firstDifference(x: FloatArray, y: FloatArray): number {
  if (x.length !== y.length || x.constructor !== y.constructor) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

const dtypes: FloatDType[] = ['float32', 'float64'];
const binaryOps = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual'] as const;
const unaryOps = ['neg', 'relu', 'square', 'abs', 'sqrt'] as const;

/** Operand shapes: same shape, scalars, row vectors (bias), column vectors, outer and unsupported broadcasts. */
const binaryShapes: [Shape, Shape][] = [
  [[1], [1]], [[7], [7]], [[33], [33]], [[65], [65]], [[257], [257]], [[7, 33], [7, 33]], [[65, 257], [65, 257]],
  [[257], []], [[], [257]], [[7, 33], [1]], [[33, 65], []],
  [[65, 33], [33]], [[33], [65, 33]], [[3, 7, 33], [33]], [[3, 7, 33], [1, 1, 33]], [[65, 7], [7]],
  [[65, 7], [65, 1]], [[65, 1], [65, 7]], [[3, 7, 33], [3, 7, 1]],
  [[65, 1], [1, 33]], // a column against a row: outer broadcast
  [[2, 1, 33], [3, 33]], // a broadcast the wasm loop does not read: the CPU kernel computes it
];

// NOTE: smallOpsOnCpu false, so shapes of 1 and 7 elements reach the wasm loops and their scalar tails.
const wasm = await createWasmBackend({ smallOpsOnCpu: false });
const defaults = await createWasmBackend();

describe('wasm elementwise kernels', () => {
  it.each(dtypes)('compute every binary op exactly as the CPU backend does, over every broadcast (%s)', (dtype) => {
    for (const op of binaryOps) {
      for (const [as, bs] of binaryShapes) {
        const a = input(as, dtype);
        const b = input(bs, dtype);
        const out = { shape: broadcastShapes(op, as, bs), dtype };
        for (const backend of [wasm, defaults]) {
          const got = backend.kernels[op]([a, b], {}, out) as FloatArray;
          const want = cpuBackend.kernels[op]([a, b], {}, out) as FloatArray;
          expect(firstDifference(got, want), `${op} [${as}] [${bs}]`).toBe(-1);
        }
      }
    }
  });

  it.each(dtypes)('compute every unary op exactly as the CPU backend does (%s)', (dtype) => {
    for (const op of unaryOps) {
      for (const shape of [[1], [3], [7], [33], [65, 7], [257, 33]]) {
        const x = input(shape, dtype);
        const got = wasm.kernels[op]([x], {}, { shape, dtype }) as FloatArray;
        expect(firstDifference(got, cpuBackend.kernels[op]([x], {}, { shape, dtype }) as FloatArray), `${op} [${shape}]`).toBe(-1);
      }
    }
  });

  it('gives relu(−0) = +0 and keeps NaN, as the CPU backend does', () => {
    const x = { data: new Float32Array([-0, NaN, -1, 2, -0, NaN, 0, -Infinity, Infinity]), shape: [9], dtype: 'float32' as const };
    expect(Array.from(wasm.kernels.relu([x], {}, { shape: [9], dtype: 'float32' }) as Float32Array)).toEqual([0, NaN, 0, 2, 0, NaN, 0, 0, Infinity]);
  });

  it('leaves int32 operands to the CPU backend', () => {
    const a = { data: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), shape: [9], dtype: 'int32' as const };
    expect(Array.from(wasm.kernels.mul([a, a], {}, { shape: [9], dtype: 'int32' }) as Int32Array)).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(Array.from(wasm.kernels.neg([a], {}, { shape: [9], dtype: 'int32' }) as Int32Array)).toEqual([-1, -2, -3, -4, -5, -6, -7, -8, -9]);
  });
});

describe('wasm sum kernel', () => {
  it.each(dtypes)('sums over the leading or the trailing axes exactly as the CPU backend does, and leaves other axes to it (%s)', (dtype) => {
    const cases: [Shape, number[]][] = [
      [[64, 256], [0]], [[65, 7], [0]], [[1, 33], [0]], [[257, 1], [0]], [[257], [0]], [[3, 7, 33], [0, 1]],
      [[3, 7, 33], [1, 0]], [[3, 7, 33], [0]], [[7, 33], [1]], [[3, 7, 33], [0, 2]], [[33, 65], [0, 1]],
      // trailing: eight rows at a time, then the rest one by one; columns four (two) at a time, then the rest
      [[64, 784], [1]], [[17, 9], [1]], [[8, 4], [1]], [[13, 3], [1]], [[1, 1001], [1]], [[9, 1], [1]], [[3, 7, 33], [2]],
      [[5, 6, 7], [1, 2]], [[2, 3, 4, 5], [1, 2, 3]], [[1001], [0]], [[4, 0, 3], [2]],
    ];
    for (const [shape, axes] of cases) {
      const x = input(shape, dtype);
      // finite values: a sum with an infinity or a NaN would hide differences in the others
      const d = x.data as FloatArray;
      for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) d[i] = rng.normal();
      for (const keepDims of [false, true]) {
        const outShape = shape.flatMap((n, i) => (axes.includes(i) ? (keepDims ? [1] : []) : [n]));
        const attrs = { axes, keepDims };
        const got = wasm.kernels.sum([x], attrs, { shape: outShape, dtype }) as FloatArray;
        const want = cpuBackend.kernels.sum([x], attrs, { shape: outShape, dtype }) as FloatArray;
        expect(firstDifference(got, want), `sum [${shape}] axes [${axes}] keepDims ${keepDims}`).toBe(-1);
      }
    }
  });

  it('propagates NaN and infinity per column, and per row', () => {
    const x = { data: new Float32Array([1, NaN, Infinity, 2, 3, 4, 5, -Infinity]), shape: [2, 4], dtype: 'float32' as const };
    expect(Array.from(wasm.kernels.sum([x], { axes: [0], keepDims: false }, { shape: [4], dtype: 'float32' }) as Float32Array)).toEqual([4, NaN, Infinity, -Infinity]);
    const rows = new Float32Array(8 * 5).fill(1);
    [rows[3], rows[7], rows[12], rows[13], rows[39]] = [NaN, Infinity, Infinity, -Infinity, -Infinity];
    const y = wasm.kernels.sum([{ data: rows, shape: [8, 5], dtype: 'float32' }], { axes: [1], keepDims: false }, { shape: [8], dtype: 'float32' }) as Float32Array;
    expect(Array.from(y)).toEqual([NaN, Infinity, NaN, 5, 5, 5, 5, -Infinity]);
  });
});

describe('wasm max and min kernels', () => {
  /** Values drawn mostly from a few, so ties (±0 among them), NaN and ±∞ meet in one reduction. */
  function tied(shape: Shape, dtype: FloatDType): KernelInput {
    const pool = [0, -0, 1, 1, -1, 2, NaN, Infinity, -Infinity, 0.5];
    const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = rng.uniform() < 0.8 ? pool[rng.int(pool.length)] : rng.normal();
    return { data, shape, dtype };
  }

  /** max and min of tied values over each case's axes, bit for bit as the CPU kernels give them. */
  function expectExtremaLikeCpu(cases: readonly [Shape, number[]][], dtype: FloatDType): void {
    for (const [shape, axes] of cases) {
      const x = tied(shape, dtype);
      const outShape = shape.filter((_, i) => !axes.includes(i));
      for (const op of ['max', 'min'] as const) {
        const attrs = { axes, keepDims: false };
        const got = wasm.kernels[op]([x], attrs, { shape: outShape, dtype }) as FloatArray;
        const want = cpuBackend.kernels[op]([x], attrs, { shape: outShape, dtype }) as FloatArray;
        expect(firstDifference(got, want), `${op} [${shape}] axes [${axes}]`).toBe(-1);
      }
    }
  }

  it.each(dtypes)('reduce a run of consecutive axes bit for bit as the CPU backend does, ties, ±0 and NaN included (%s)', (dtype) => {
    const cases: [Shape, number[]][] = [
      [[1536, 4, 196], [1]], [[7, 33, 5], [1]], [[7, 33, 5], [2]], [[7, 33, 5], [0]], [[65, 9], [1]], [[3, 7, 33], [1, 2]],
      [[3, 7, 33], [0, 1, 2]], [[257, 3], [0]], [[2, 3, 5, 7], [1, 2]], [[9, 2, 1], [1]],
      // pairs along the last axis (a 2-wide pooling window's row): the shuffled path, odd and even counts
      [[21504, 2, 14, 2], [3]], [[7, 3, 2], [2]], [[5, 2], [1]], [[1, 2], [1]],
    ];
    expectExtremaLikeCpu(cases, dtype);
  });

  it.each(dtypes)('reduce pooling windows (the last axis and the last but two) in one pass, bit for bit as the CPU backend (%s)', (dtype) => {
    // [outer, kh, Wo, kw]: 2-wide windows on the shuffled path with odd and even Wo, wider ones, a rank-5 view
    const cases: [Shape, number[]][] = [
      [[21504, 2, 14, 2], [1, 3]], [[40, 2, 5, 2], [1, 3]], [[9, 3, 7, 2], [1, 3]], [[9, 1, 4, 2], [1, 3]],
      [[6, 3, 5, 3], [1, 3]], [[2, 5, 2, 4, 1], [2, 4]], [[3, 2, 9, 2], [1, 3]],
    ];
    expectExtremaLikeCpu(cases, dtype);
  });

  it.each(dtypes)('split pooling windows between three threads inside tidy, bit for bit as on one (%s)', async (dtype) => {
    const three = await createWasmBackend({ threads: 3, yieldToOtherProcesses: false });
    // 1.2 million values (over the split threshold), an outer count that three does not divide
    const x = tied([21505, 2, 14, 2], dtype);
    const attrs = { axes: [1, 3], keepDims: false };
    const out = { shape: [21505, 14], dtype };
    setBackend(three);
    const xt = fromTypedArray(x.data as FloatArray, x.shape, dtype);
    for (const [op, f] of [['max', max], ['min', min]] as const) {
      const want = cpuBackend.kernels[op]([x], attrs, out) as FloatArray;
      const got = tidy(() => f(xt, [1, 3]).dataSync());
      expect(firstDifference(got as FloatArray, want), op).toBe(-1);
    }
    expect(three.residentBytes).toBe(0);
    setBackend(cpuBackend);
    await three.close();
  });

  it('leaves axes that are not consecutive to the CPU backend', () => {
    const x = tied([3, 7, 33], 'float32');
    const attrs = { axes: [0, 2], keepDims: false };
    const got = wasm.kernels.max([x], attrs, { shape: [7], dtype: 'float32' }) as FloatArray;
    expect(firstDifference(got, cpuBackend.kernels.max([x], attrs, { shape: [7], dtype: 'float32' }) as FloatArray)).toBe(-1);
  });
});
