import { describe, expect, it } from 'vitest';
import {
  type Backend, type FusedKernels, type StreamKey, Tensor, add, cpuBackend, neg, createRng, div, fillKeyedMask, fillKeyedNormal, fillNormScaledNormal, fillNormScaledNormalGrad, fromTypedArray,
  getBackend, isAllFinite, maximum, mul, setBackend, sqrt, square, sub, tidy,
} from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';
import { PersistentResident, THREADED_MIN_FUSED_ELEMENTS } from './fused';

/** Sizes no lane count divides, a lone element, and one over a thousand. */
const SIZES = [1, 3, 17, 1003];
/** Above THREADED_MIN_FUSED_ELEMENTS, where the two-thread backend splits a call inside tidy; odd, so the last share is cut short. */
const SPLIT_SIZE = THREADED_MIN_FUSED_ELEMENTS + 4099;

const rng = createRng('fused kernels');

/** Gradient-like float32 values over ten decades, both signs, exact zeros and ties. */
function values(n: number, positive = false): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    x[i] = u < 0.1 ? 0 : u < 0.15 ? 0.5 : rng.normal() * 10 ** rng.uniformRange(-6, 4);
    if (positive) x[i] = x[i] * x[i];
  }
  return x;
}

/** Index of the first element whose bits differ (−0 ≠ 0), or −1. */
function firstDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

const wasm = await createWasmBackend({ threads: 1 });
const threaded = await createWasmBackend({ threads: 2, yieldToOtherProcesses: false });
const backends: [string, Backend][] = [['one thread', wasm], ['two threads', threaded]];

/**
 * Runs `kernel` on `backend` over host copies of `inputs`, outside tidy (results in host memory) and
 * inside (results left in wasm memory), and returns each run's results as host arrays.
 */
function runFused(backend: Backend, inputs: Float32Array[], kernel: (f: FusedKernels, storage: unknown[]) => unknown[] | undefined): Float32Array[][] {
  const read = (storage: unknown[] | undefined) => {
    expect(storage).toBeDefined();
    return storage!.map((s) => backend.download(s, 'float32', inputs[0]?.length ?? 0) as Float32Array);
  };
  const outside = read(kernel(backend.fused!, inputs.map((x) => x.slice())));
  const inside = tidy(() => {
    const storage = kernel(backend.fused!, inputs.map((x) => x.slice()));
    const copies = read(storage).map((x) => x.slice());
    for (const s of storage!) backend.dispose?.(s);
    return copies;
  });
  return [outside, inside];
}

/** The op chain on the CPU backend: the reference every fused kernel must equal bit for bit. */
function onCpu(inputs: Float32Array[], chain: (...xs: Tensor[]) => Tensor[]): Float32Array[] {
  const previous = getBackend();
  setBackend(cpuBackend);
  try {
    return chain(...inputs.map((x) => fromTypedArray(x.slice(), [x.length], 'float32'))).map((t) => t.dataSync() as Float32Array);
  } finally {
    setBackend(previous);
  }
}

function expectSame(actual: Float32Array[][], expected: Float32Array[], what: string): void {
  for (const [run, results] of actual.entries()) {
    expect(results.length).toBe(expected.length);
    results.forEach((r, k) => {
      const at = firstDifference(r, expected[k]);
      if (at >= 0) expect.fail(`${what}, ${run === 0 ? 'outside' : 'inside'} tidy, output ${k}, element ${at}: fused ${r[at]}, ops ${expected[k][at]}`);
    });
  }
}

describe('wasm fused optimizer kernels', () => {
  const [b1, b2, eps, t] = [0.9, 0.999, 1e-8, 3];
  const [c1, c2] = [1 - b1 ** t, Math.sqrt(1 - b2 ** t)];
  it.each(backends)('adamF32 equals Adam’s op chain on the CPU backend bit for bit, with and without AMSGrad and a learning rate fused in, split between threads or not (%s)', (_, backend) => {
    for (const n of [...SIZES, SPLIT_SIZE]) {
      for (const [amsgrad, scale] of [[false, undefined], [true, undefined], [false, -1e-3], [true, -0.37]] as const) {
        const inputs = [values(n), values(n), values(n, true), ...(amsgrad ? [values(n, true)] : [])];
        const fused = runFused(backend, inputs, (f, s) => f.adamF32!(n, s, { b1, r1: 1 - b1, b2, r2: 1 - b2, s1: 1 / c1, s2: 1 / c2, eps, scale }));
        const expected = onCpu(inputs, (g, m, v, vMax) => {
          const mNew = add(mul(m, b1), mul(g, 1 - b1));
          const vNew = add(mul(v, b2), mul(square(g), 1 - b2));
          const d = vMax === undefined ? vNew : maximum(vNew, vMax);
          const direction = div(mul(mNew, 1 / c1), add(mul(sqrt(d), 1 / c2), eps));
          // what scaleByLearningRate, chained after, makes of it
          const u = scale === undefined ? direction : mul(direction, scale);
          return vMax === undefined ? [u, mNew, vNew] : [u, mNew, vNew, d];
        });
        expectSame(fused, expected, `n ${n}, amsgrad ${amsgrad}, scale ${scale}`);
      }
    }
  });

  it('adamF32’s first step from zero state is g/(|g| + ε): ±1 for |g| ≫ ε, by hand', () => {
    // m = 0.1·g, v = 0.001·g², m̂ = m/0.1 and v̂ = v/0.001 give back g and g² up to float32 rounding,
    // so u = g/(|g| + 1e-8) rounds to ±1 for these |g| ≥ 0.5; and 0 for g = 0.
    const g = new Float32Array([3, -0.5, 1000, 0]);
    const z = new Float32Array(4);
    const [[u, m, v]] = runFused(wasm, [g, z, z], (f, s) => f.adamF32!(4, s, { b1, r1: 1 - b1, b2, r2: 1 - b2, s1: 1 / (1 - b1), s2: 1 / Math.sqrt(1 - b2), eps }));
    expect([...u]).toEqual([1, -1, 1, 0]);
    expect([...m]).toEqual([...g].map((x) => Math.fround(x * Math.fround(0.1))));
    expect(v[3]).toBe(0);
  });

  it.each(backends)('rmsF32 equals RMSprop’s op chain in all four variants (%s)', (_, backend) => {
    const alpha = 0.99;
    for (const n of SIZES) {
      for (const centered of [false, true]) {
        for (const epsInsideSqrt of [false, true]) {
          const inputs = [values(n), values(n, true), ...(centered ? [values(n)] : [])];
          const fused = runFused(backend, inputs, (f, s) => f.rmsF32!(n, s, { alpha, rest: 1 - alpha, eps, centered, epsInsideSqrt }));
          const expected = onCpu(inputs, (g, s, m) => {
            const sNew = add(mul(s, alpha), mul(square(g), 1 - alpha));
            const mNew = m === undefined ? undefined : add(mul(m, alpha), mul(g, 1 - alpha));
            const variance = mNew === undefined ? sNew : sub(sNew, square(mNew));
            const u = div(g, epsInsideSqrt ? sqrt(add(variance, eps)) : add(sqrt(variance), eps));
            return mNew === undefined ? [u, sNew] : [u, sNew, mNew];
          });
          expectSame(fused, expected, `n ${n}, centered ${centered}, epsInsideSqrt ${epsInsideSqrt}`);
        }
      }
    }
  });

  it.each(backends)('traceF32 equals momentum’s op chain, classic and Nesterov (%s)', (_, backend) => {
    const mu = 0.9;
    for (const n of SIZES) {
      for (const nesterov of [false, true]) {
        const inputs = [values(n), values(n)];
        const fused = runFused(backend, inputs, (f, s) => f.traceF32!(n, s, mu, nesterov));
        const expected = onCpu(inputs, (g, v) => {
          const vNew = add(mul(v, mu), g);
          return nesterov ? [add(g, mul(vNew, mu)), vNew] : [vNew];
        });
        expectSame(fused, expected, `n ${n}, nesterov ${nesterov}`);
      }
    }
  });

  it('keeps the new state made inside tidy in wasm memory after the scope ends, until its tensor is disposed', () => {
    const fresh = [wasm, threaded].map((b) => b.residentBytes);
    for (const [i, backend] of [wasm, threaded].entries()) {
      const n = 1003;
      const inputs = [values(n), values(n), values(n, true)];
      const expected = onCpu(inputs, (g, m, v) => [add(mul(m, b1), mul(g, 1 - b1)), add(mul(v, b2), mul(square(g), 1 - b2))]);
      const previous = getBackend();
      setBackend(backend);
      try {
        const [m, v] = tidy(() => {
          const [u, ...state] = backend.fused!.adamF32!(n, inputs, { b1, r1: 1 - b1, b2, r2: 1 - b2, s1: 1 / c1, s2: 1 / c2, eps })!;
          backend.dispose!(u);
          return state.map((s) => new Tensor([n], 'float32', s, backend));
        });
        expect(m.storage).toBeInstanceOf(PersistentResident);
        expect(backend.residentBytes).toBeGreaterThan(fresh[i]);
        expect(firstDifference(m.dataSync(), expected[0])).toBe(-1);
        expect(firstDifference(v.dataSync(), expected[1])).toBe(-1);
        m.dispose();
        v.dispose();
        expect(backend.residentBytes).toBe(fresh[i]);
      } finally {
        setBackend(previous);
      }
    }
  });

  it('returns undefined for empty leaves, so the caller takes its own path', () => {
    expect(wasm.fused!.adamF32!(0, [new Float32Array(0), new Float32Array(0), new Float32Array(0)], { b1, r1: 0.1, b2, r2: 0.001, s1: 1, s2: 1, eps })).toBeUndefined();
  });
});

describe('wasm keyed random kernels', () => {
  const keys: StreamKey[] = [[0, 0], [0xffffffff, 1], [0x9e3779b9, 0x12345678]];

  it.each(backends)('dropoutMaskF32 makes the CPU’s mask (fillKeyedMask) bit for bit, alone and applied to x, split between threads or not (%s)', (_, backend) => {
    for (const n of [...SIZES, 4096, SPLIT_SIZE]) {
      for (const key of keys) {
        for (const [p, scale] of [[0.1, 1 / 0.9], [0.5, 2], [0.8, 1], [0, 1]] as const) {
          const expected = fillKeyedMask(new Float32Array(n), key, p, scale);
          expectSame(runFused(backend, [new Float32Array(n)], (f) => [f.dropoutMaskF32!(n, key, p, scale)]), [expected], `n ${n}, key ${key}, p ${p}`);
          // applied to x in the same pass: the CPU's mul(x, mask), NaN, ±∞ and −0 included
          const x = values(n);
          x.set([NaN, -Infinity, -0, Infinity].slice(0, n));
          const dropped = onCpu([x, expected], (xs, m) => [mul(xs, m)]);
          expectSame(runFused(backend, [x], (f, [xs]) => [f.dropoutMaskF32!(n, key, p, scale, xs)]), dropped, `n ${n}, key ${key}, p ${p}, applied to x`);
        }
      }
    }
  });

  it.each(backends)('normalF32 makes the CPU’s normals (fillKeyedNormal) bit for bit, alone and added to x, split between threads or not (%s)', (_, backend) => {
    for (const n of [...SIZES, 4099, SPLIT_SIZE]) {
      for (const key of keys) {
        const expected = fillKeyedNormal(new Float32Array(n), key, 0.25, 1.5);
        expectSame(runFused(backend, [new Float32Array(n)], (f) => [f.normalF32!(n, key, 0.25, 1.5)]), [expected], `n ${n}, key ${key}`);
        const x = values(n);
        const noisy = fillKeyedNormal(new Float32Array(n), key, 0, 0.1, x);
        expectSame(runFused(backend, [x], (f, [xs]) => [f.normalF32!(n, key, 0, 0.1, xs)]), [noisy], `n ${n}, key ${key}, added to x`);
      }
    }
  });

  it.each(backends)('normScaledNormalF32 and its gradient kernel are fillNormScaledNormal and fillNormScaledNormalGrad bit for bit, outside tidy and inside (%s)', (_, backend) => {
    // rows: fewer than eight, eight and more with a remainder; columns and x's columns: lone, odd, MNIST-wide
    // and over THREADED_MIN_FUSED_ELEMENTS normals (130·257), which the two-thread backend splits inside tidy
    expect(130 * 257).toBeGreaterThan(THREADED_MIN_FUSED_ELEMENTS);
    for (const [rows, cols, xCols] of [[1, 1, 1], [3, 10, 5], [9, 13, 784], [17, 256, 3], [64, 10, 256], [130, 257, 7]]) {
      for (const extra of [0, 1]) {
        const key = keys[(rows + extra) % keys.length];
        const [y, x] = [values(rows * cols), values(rows * xCols).map((v) => Math.min(Math.abs(v), 1e3))];
        x.fill(0, 0, xCols); // a row of zeros: s = √extra, coef 0 without extra
        const want = fillNormScaledNormal(rows, cols, xCols, key, 0.05, extra, y, x);
        const read = (pair: [unknown, unknown] | undefined) => {
          expect(pair).toBeDefined();
          return [backend.download(pair![0], 'float32', rows * cols) as Float32Array, backend.download(pair![1], 'float32', rows) as Float32Array].map((a) => a.slice());
        };
        const outside = read(backend.fused!.normScaledNormalF32!(rows, cols, xCols, key, 0.05, extra, y.slice(), x.slice()));
        const inside = tidy(() => {
          const pair = backend.fused!.normScaledNormalF32!(rows, cols, xCols, key, 0.05, extra, y.slice(), x.slice());
          const copies = read(pair);
          for (const s of pair!) backend.dispose?.(s);
          return copies;
        });
        for (const [out, coef] of [outside, inside]) {
          expect(firstDifference(out, want.out), `out, ${rows}×${cols}, x ${xCols}, extra ${extra}`).toBe(-1);
          expect(firstDifference(coef, want.coef), `coef, ${rows}×${cols}, x ${xCols}, extra ${extra}`).toBe(-1);
        }
        // its gradient to x, for a gradient g of out
        const g = values(rows * cols);
        const wantDx = fillNormScaledNormalGrad(rows, cols, xCols, key, g, x, want.coef);
        expectSame(runFused(backend, [x, g, want.coef], (f, [xs, gs, cs]) => [f.normScaledNormalGradF32!(rows, cols, xCols, key, gs, xs, cs)]), [wantDx], `dx, ${rows}×${cols}, x ${xCols}`);
      }
    }
  });
});

describe('wasm allFinite', () => {
  it.each(backends)('scans a result where it lies in wasm memory, NaN and ±∞ found at any position, float32 and float64 (%s)', (_, backend) => {
    setBackend(backend);
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        // from ELEMENTWISE_MIN_SIZE on, neg runs in wasm and its result stays there: every remainder of 4 and 2 lanes
        for (const n of [256, 257, 258, 259, 1003]) {
          const values = Array.from({ length: n }, (_, i) => (i % 2 ? -0 : 1e30) * (i + 1));
          const finite = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
          // neg(neg(x)) made inside tidy: a result in wasm memory, scanned there
          const inside = (values: Float32Array | Float64Array) => tidy(() => {
            const r = neg(neg(fromTypedArray(values.slice(), [n], dtype)));
            expect(backend.fused!.allFinite!(n, dtype, r.storage), `${dtype} n ${n}: the kernel answers for a result in wasm memory`).toBeDefined();
            return isAllFinite(r);
          });
          expect(inside(finite), `${dtype} n ${n}`).toBe(true);
          for (const at of new Set([0, n >> 1, n - 1])) {
            for (const bad of [NaN, Infinity, -Infinity]) {
              const values = finite.slice();
              values[at] = bad;
              expect(inside(values), `${dtype} n ${n}: ${bad} at ${at}`).toBe(false);
              // a host array: the kernel declines, and the values are scanned where they are
              expect(backend.fused!.allFinite!(n, dtype, values)).toBeUndefined();
              expect(isAllFinite(fromTypedArray(values, [n], dtype))).toBe(false);
            }
          }
        }
      }
    } finally {
      setBackend(cpuBackend);
    }
  });
});
