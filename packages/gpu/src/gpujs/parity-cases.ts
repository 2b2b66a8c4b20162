/*
 * The parity suite: every primitive the gpu.js backend runs as a kernel, against the CPU backend, on
 * random inputs of awkward shapes. Shared by the mode tests (gpu.js 'cpu', 'auto', headless-gl) and
 * the gpu-mock.js test, which run it on different backends. Test-only: not exported by @nn/gpu.
 */
import { type Backend, type DType, type Primitive, type PrimitiveAttrs, type TypedArray, type Rng, cpuBackend, createRng } from '@nn/tensor';
import { describe, expect, it } from 'vitest';

export interface Operand {
  readonly values: TypedArray;
  readonly shape: readonly number[];
}

/** Runs one primitive's kernel on `backend`, from host values to host values (through upload/download). */
export function runKernel<P extends Primitive>(backend: Backend, primitive: P, operands: readonly Operand[], attrs: PrimitiveAttrs[P], outShape: readonly number[], dtype: DType = 'float32'): TypedArray {
  const inputs = operands.map(({ values, shape }) => ({
    data: backend.upload(values.slice(), dtypeOf(values)),
    shape,
    dtype: dtypeOf(values),
  }));
  const storage = backend.kernels[primitive](inputs, attrs, { shape: outShape, dtype });
  const size = outShape.reduce((a, b) => a * b, 1);
  const values = backend.download(storage, dtype, size).slice();
  for (const input of inputs) backend.dispose?.(input.data);
  backend.dispose?.(storage);
  return values;
}

function dtypeOf(values: TypedArray): DType {
  return values instanceof Float64Array ? 'float64' : values instanceof Int32Array ? 'int32' : 'float32';
}

export function uniform(rng: Rng, shape: readonly number[], lo = -3, hi = 3): Operand {
  const size = shape.reduce((a, b) => a * b, 1);
  return { values: rng.fillUniform(new Float32Array(size), lo, hi), shape };
}

/** Small integers as float32, so that comparisons meet equal values. */
export function integers(rng: Rng, shape: readonly number[], lo = -2, hi = 3): Operand {
  const { values } = uniform(rng, shape, lo, hi);
  return { values: values.map(Math.floor), shape };
}

/**
 * Expects |actual − expected| ≤ rtol·scale elementwise, where `scale` is the magnitude the error
 * grows with (|expected| + 1 by default; Σ|a||b| for a matmul; Σ|x| for a sum). NaN must meet NaN.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, { rtol = 1e-5, scale }: { rtol?: number; scale?: ArrayLike<number> } = {}): void {
  expect(actual.length).toBe(expected.length);
  let worst = { at: -1, excess: 0 };
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) worst = { at: i, excess: Infinity };
      continue;
    }
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (a !== e) worst = { at: i, excess: Infinity };
      continue;
    }
    const tolerance = rtol * (scale ? scale[i] + 1e-30 : Math.abs(e) + 1);
    const excess = Math.abs(a - e) / tolerance;
    if (excess > 1 && excess > worst.excess) worst = { at: i, excess };
  }
  if (worst.at >= 0) {
    const i = worst.at;
    expect.fail(`element ${i} of ${expected.length}: ${actual[i]} vs expected ${expected[i]} (${worst.excess.toFixed(1)}× the tolerance)`);
  }
}

const abs = ({ values, shape }: Operand): Operand => ({ values: values.map(Math.abs), shape });

/** The CPU backend's result and the magnitude its float32 rounding error scales with. */
function reference<P extends Primitive>(primitive: P, operands: readonly Operand[], attrs: PrimitiveAttrs[P], outShape: readonly number[], magnitude: 'value' | 'absolute'): { expected: TypedArray; scale: ArrayLike<number> } {
  const expected = runKernel(cpuBackend, primitive, operands, attrs, outShape);
  if (magnitude === 'value') return { expected, scale: expected.map((v) => Math.abs(v) + 1) };
  const bound = runKernel(cpuBackend, primitive, operands.map(abs), attrs, outShape);
  return { expected, scale: bound.map((v) => v + 1e-6) };
}

export interface ParityOptions {
  /** Largest dimension to use: 'cpu' mode interprets every kernel in JS, so it gets small ones. */
  readonly large: number;
  /**
   * rtol for exp, log, tanh, sigmoid, softplus and pow; default 1e-5, which Mesa's llvmpipe (headless-gl)
   * meets. GPU drivers may approximate these more loosely.
   */
  readonly rtolMath?: number;
}

/** Registers the parity tests for the backend `getBackend()` returns (created in a beforeAll). */
export function describeParity(getBackend: () => Backend, { large, rtolMath = 1e-5 }: ParityOptions): void {
  const L = large;
  const check = <P extends Primitive>(primitive: P, operands: readonly Operand[], attrs: PrimitiveAttrs[P], outShape: readonly number[], { magnitude = 'value', rtol = 1e-5 }: { magnitude?: 'value' | 'absolute'; rtol?: number } = {}) => {
    const { expected, scale } = reference(primitive, operands, attrs, outShape, magnitude);
    const actual = runKernel(getBackend(), primitive, operands, attrs, outShape);
    expectClose(actual, expected, { rtol, scale });
  };

  describe('unary kernels', () => {
    const shapes = [[1], [7], [33, Math.min(65, L)], [L], [3, 7, 5]];
    // [op, typical range, wide range (overflow, saturation, zeros), transcendental?]
    const cases: [Primitive, [number, number], [number, number], boolean?][] = [
      ['neg', [-3, 3], [-1e30, 1e30]], ['exp', [-6, 6], [-120, 120], true], ['log', [1e-3, 50], [0, 1e30], true],
      ['sqrt', [0, 50], [0, 1e30]], ['abs', [-3, 3], [-1e30, 1e30]], ['sign', [-3, 3], [-1e30, 1e30]],
      ['tanh', [-4, 4], [-60, 60], true], ['sigmoid', [-12, 12], [-120, 120], true], ['relu', [-3, 3], [-1e30, 1e30]],
      ['softplus', [-20, 20], [-120, 120], true], ['square', [-3, 3], [-1e18, 1e18]],
    ];
    for (const [op, typical, wide, transcendental] of cases) {
      it(`${op} matches the CPU backend`, () => {
        const rng = createRng(1);
        const rtol = transcendental ? rtolMath : 1e-5;
        for (const shape of shapes) check(op, [uniform(rng, shape, ...typical)], {}, shape, { rtol });
        const edges = { values: Float32Array.from([0, -0, 1, -1]), shape: [4] };
        check(op, [edges], {}, [4], { rtol });
        check(op, [uniform(rng, [L], ...wide)], {}, [L], { rtol });
      });
    }
  });

  describe('binary kernels with broadcasting', () => {
    const pairs: [number[], number[], number[]][] = [
      [[L], [L], [L]],
      [[33, 65], [33, 65], [33, 65]],
      [[33, 65], [65], [33, 65]], //               bias row
      [[33, 1], [33, 7], [33, 7]], //              column against matrix
      [[7, 1, 33], [5, 1], [7, 5, 33]], //         both sides broadcast
      [[], [L], [L]], //                           scalar
      [[1], [7], [7]],
      [[2, 3, 4, 5], [2, 1, 4, 1], [2, 3, 4, 5]], // four axes that do not merge: the CPU fallback
      [[1, 1, 7], [7, 1, 1], [7, 1, 7]],
    ];
    const ops: [Primitive, (rng: Rng, shape: number[]) => Operand, (rng: Rng, shape: number[]) => Operand, string?][] = [
      ['add', uniform, uniform], ['sub', uniform, uniform], ['mul', uniform, uniform],
      ['div', uniform, (rng, s) => uniform(rng, s, 0.5, 3)],
      ['pow', (rng, s) => uniform(rng, s, 0.1, 3), (rng, s) => uniform(rng, s, -2, 2)],
      ['pow', (rng, s) => uniform(rng, s, -3, 3), (rng, s) => integers(rng, s, -3, 4), ' with negative bases and integer exponents'],
      ['maximum', uniform, uniform], ['minimum', uniform, uniform],
      ['greater', integers, integers], ['greaterEqual', integers, integers], ['less', integers, integers],
      ['lessEqual', integers, integers], ['equal', integers, integers], ['notEqual', integers, integers],
    ];
    for (const [op, left, right, label = ''] of ops) {
      it(`${op} matches the CPU backend${label}`, () => {
        const rng = createRng(2);
        for (const [a, b, out] of pairs) {
          check(op, [left(rng, a), right(rng, b)], {}, out, { rtol: op === 'pow' ? rtolMath : 1e-5 });
          check(op, [left(rng, b), right(rng, a)], {}, out, { rtol: op === 'pow' ? rtolMath : 1e-5 });
        }
      });
    }

    it('where matches the CPU backend', () => {
      const rng = createRng(3);
      const mask = (shape: number[]) => integers(rng, shape, 0, 2);
      check('where', [mask([33, 65]), uniform(rng, [33, 65]), uniform(rng, [33, 65])], {}, [33, 65]);
      check('where', [mask([33, 1]), uniform(rng, [65]), uniform(rng, [])], {}, [33, 65]);
      check('where', [mask([7]), uniform(rng, [5, 1]), uniform(rng, [1, 7])], {}, [5, 7]);
    });
  });

  describe('matmul', () => {
    const sizes: [number, number, number][] = [[1, 1, 1], [1, 7, 1], [7, 1, 33], [33, 65, 7], [65, 7, 33], [1, L, 1], [2, 33, L]];
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        it(`matches the CPU backend with transposeA ${transposeA}, transposeB ${transposeB}`, () => {
          const rng = createRng(4);
          for (const [m, k, n] of sizes) {
            const a = uniform(rng, transposeA ? [k, m] : [m, k]);
            const b = uniform(rng, transposeB ? [n, k] : [k, n]);
            check('matmul', [a, b], { transposeA, transposeB }, [m, n], { magnitude: 'absolute' });
          }
        });
        it(`broadcasts batches with transposeA ${transposeA}, transposeB ${transposeB}`, () => {
          const rng = createRng(5);
          const [m, k, n] = [7, 33, 5];
          const A = (batch: number[]) => uniform(rng, [...batch, ...(transposeA ? [k, m] : [m, k])]);
          const B = (batch: number[]) => uniform(rng, [...batch, ...(transposeB ? [n, k] : [k, n])]);
          const attrs = { transposeA, transposeB };
          check('matmul', [A([3]), B([3])], attrs, [3, m, n], { magnitude: 'absolute' });
          check('matmul', [A([4]), B([])], attrs, [4, m, n], { magnitude: 'absolute' });
          check('matmul', [A([]), B([2, 3])], attrs, [2, 3, m, n], { magnitude: 'absolute' });
          check('matmul', [A([2, 1]), B([3])], attrs, [2, 3, m, n], { magnitude: 'absolute' });
          check('matmul', [A([2, 1, 3]), B([1, 2, 1])], attrs, [2, 2, 3, m, n], { magnitude: 'absolute' }); // CPU fallback
        });
      }
    }
  });

  describe('reductions', () => {
    const cases: [number[], number[]][] = [
      [[L], [0]], [[1], [0]], [[33, 65], [0]], [[33, 65], [1]], [[33, 65], [0, 1]],
      [[7, 33, 5], [1]], [[7, 33, 5], [0, 2]], [[7, 1, 5], [1]], [[2, 3, 4, 5], [0, 2]], [[3, 2 * L + 1000], [1]],
    ];
    for (const op of ['sum', 'max', 'min'] as const) {
      it(`${op} matches the CPU backend over any axes`, () => {
        const rng = createRng(6);
        for (const [shape, axes] of cases) {
          const outShape = shape.filter((_, i) => !axes.includes(i));
          check(op, [uniform(rng, shape)], { axes, keepDims: false }, outShape, { magnitude: op === 'sum' ? 'absolute' : 'value' });
          const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
          check(op, [uniform(rng, shape)], { axes, keepDims: true }, kept, { magnitude: op === 'sum' ? 'absolute' : 'value' });
        }
      });
    }
  });

  describe('layout kernels', () => {
    it('broadcastTo matches the CPU backend', () => {
      const rng = createRng(7);
      check('broadcastTo', [uniform(rng, [65])], { shape: [33, 65] }, [33, 65]);
      check('broadcastTo', [uniform(rng, [33, 1])], { shape: [33, 7] }, [33, 7]);
      check('broadcastTo', [uniform(rng, [7, 1, 5])], { shape: [3, 7, 2, 5] }, [3, 7, 2, 5]);
      check('broadcastTo', [uniform(rng, [])], { shape: [L] }, [L]);
    });
    it('permute matches the CPU backend', () => {
      const rng = createRng(8);
      check('permute', [uniform(rng, [33, 65])], { perm: [1, 0] }, [65, 33]);
      check('permute', [uniform(rng, [7, 5, 3])], { perm: [2, 0, 1] }, [3, 7, 5]);
      check('permute', [uniform(rng, [2, 3, 4, 5])], { perm: [3, 1, 2, 0] }, [5, 3, 4, 2]);
    });
    it('slice matches the CPU backend', () => {
      const rng = createRng(9);
      check('slice', [uniform(rng, [33, 65])], { begin: [3, 5], size: [7, 33] }, [7, 33]);
      check('slice', [uniform(rng, [L])], { begin: [1], size: [L - 2] }, [L - 2]);
      check('slice', [uniform(rng, [7, 5, 3])], { begin: [1, 0, 2], size: [5, 5, 1] }, [5, 5, 1]);
    });
    it('reshape, identity and a same-dtype cast keep the elements', () => {
      const rng = createRng(10);
      const x = uniform(rng, [7, 5]);
      expect(runKernel(getBackend(), 'reshape', [x], { shape: [35] }, [35])).toEqual(x.values);
      expect(runKernel(getBackend(), 'identity', [x], {}, [7, 5])).toEqual(x.values);
      expect(runKernel(getBackend(), 'cast', [x], { dtype: 'float32' }, [7, 5])).toEqual(x.values);
    });
  });

  describe('float64 and int32', () => {
    it('run the CPU backend kernels, exactly', () => {
      const rng = createRng(11);
      const a = { values: rng.fillUniform(new Float64Array(33 * 7), -3, 3), shape: [33, 7] };
      const b = { values: rng.fillUniform(new Float64Array(7 * 5), -3, 3), shape: [7, 5] };
      const same = <P extends Primitive>(p: P, ops: Operand[], attrs: PrimitiveAttrs[P], out: number[], dtype: DType) =>
        expect(runKernel(getBackend(), p, ops, attrs, out, dtype)).toEqual(runKernel(cpuBackend, p, ops, attrs, out, dtype));
      same('matmul', [a, b], { transposeA: false, transposeB: false }, [33, 5], 'float64');
      same('exp', [a], {}, [33, 7], 'float64');
      same('sum', [a], { axes: [0], keepDims: false }, [7], 'float64');
      const i = { values: Int32Array.from({ length: 12 }, (_, j) => j * 7 - 30), shape: [3, 4] };
      same('add', [i, i], {}, [3, 4], 'int32');
      same('max', [i], { axes: [1], keepDims: false }, [3], 'int32');
      same('cast', [a], { dtype: 'float32' }, [33, 7], 'float32');
    });
  });
}
