import { afterEach, describe, expect, it } from 'vitest';
import {
  type Backend, DisposedError, type FloatDType, type Tensor, add, concat, cpuBackend, createRng, dispose, getBackend, keep, logSoftmax,
  matmul, mean, mul, neg, oneHot, permute, randn, relu, reshape, setBackend, slice, stage, sum, tensor, tidy, treeLeaves, valueAndGrad, zeros,
} from '@nn/tensor';
import { createWasmBackend, createWasmBackendSync } from './create-wasm-backend';

afterEach(() => setBackend(cpuBackend));

/** A 65-257-7 relu network and a batch of 33 labelled samples: awkward sizes on purpose. */
function problem(dtype: FloatDType) {
  const rng = createRng(11);
  const params = {
    w1: randn([65, 257], { rng, dtype, std: 0.2 }),
    b1: randn([257], { rng, dtype, std: 0.1 }),
    w2: randn([257, 7], { rng, dtype, std: 0.2 }),
    b2: zeros([7], dtype),
  };
  const x = randn([33, 65], { rng, dtype });
  const labels = Array.from({ length: 33 }, () => rng.int(7));
  return { params, x, y: oneHot(labels, 7, dtype) };
}

type Params = ReturnType<typeof problem>['params'];

/** Mean softmax cross-entropy of the network on (x, y). */
function loss(p: Params, x: Tensor, y: Tensor): Tensor {
  const h = relu(add(matmul(x, p.w1), p.b1));
  const logits = add(matmul(h, p.w2), p.b2);
  return mean(neg(sum(mul(y, logSoftmax(logits)), 1)));
}

/** Loss and gradients under `backend`, as host arrays. */
function lossAndGrads(backend: Backend, dtype: FloatDType) {
  setBackend(backend);
  const { params, x, y } = problem(dtype);
  const { value, grads } = valueAndGrad((p) => loss(p, x, y), params);
  return { loss: value.dataSync()[0], grads: treeLeaves(grads).map((g) => Array.from(g.dataSync())) };
}

describe('createWasmBackend', () => {
  it('installs a backend named wasm whose tensors are plain typed arrays', async () => {
    const wasm = await createWasmBackend();
    setBackend(wasm);
    expect(getBackend().name).toBe('wasm');
    const { params, x } = problem('float32');
    const h = matmul(x, params.w1);
    expect(h.dataSync()).toBeInstanceOf(Float32Array);
    expect(h.shape).toEqual([33, 257]);
  });

  it.each([
    ['float32', { rtol: 1e-5 }],
    ['float64', { rtol: 1e-12 }],
  ] as const)('gives a small MLP the loss and gradients of the CPU backend (%s)', async (dtype, { rtol }) => {
    const want = lossAndGrads(cpuBackend, dtype);
    for (const wasm of [await createWasmBackend(), await createWasmBackend({ smallOpsOnCpu: false })]) {
      const got = lossAndGrads(wasm, dtype);
      expect(got.loss).toBeCloseTo(want.loss, dtype === 'float32' ? 5 : 12);
      got.grads.forEach((g, i) => {
        // relative to the largest entry: a sum of many terms can cancel to a small one
        const scale = Math.max(...want.grads[i].map(Math.abs));
        expect(g).toBeAllClose(want.grads[i], { rtol, atol: rtol * scale });
      });
    }
  });

  it('uses tensors made under the CPU backend, and the CPU backend uses its results', async () => {
    const { params, x } = problem('float32');
    const want = relu(matmul(x, params.w1)).dataSync();
    setBackend(await createWasmBackend());
    const h = relu(matmul(x, params.w1));
    setBackend(cpuBackend);
    expect(add(h, 0).dataSync()).toBeAllClose(want, { rtol: 1e-5, atol: 1e-5 });
  });

  it('recycles the arrays of disposed results for the next result of the same length', async () => {
    setBackend(await createWasmBackend({ threads: 1, resident: false }));
    const rng = createRng(3);
    const x1 = randn([300], { rng });
    const x2 = randn([300], { rng });
    let first: unknown;
    tidy(() => void (first = relu(x1).storage));
    const y2 = relu(x2);
    // the same array, its old contents overwritten in full
    expect(y2.storage).toBe(first);
    expect(y2.dataSync()).toEqual(x2.dataSync().map((v) => Math.max(v, 0)));
  });

  it.each([1, 3])('keeps results inside tidy in wasm memory, moves what outlives it to host memory and frees the rest (%i threads)', async (threads) => {
    const wasm = await createWasmBackend({ threads, yieldToOtherProcesses: false });
    setBackend(wasm);
    const rng = createRng(5);
    const x = randn([40, 300], { rng });
    const w = randn([300, 260], { rng });
    const want = relu(matmul(relu(x), w)).dataSync().slice();
    let inner: unknown;
    const y = tidy(() => {
      const h = relu(x);
      inner = h.storage;
      // a reshape shares h's block; concat, slice and permute run on the CPU, reading it through views
      const hh = concat([reshape(h, [40, 300]), slice(h, [0, 0], [1, 300])], 0);
      expect(Array.from(permute(slice(hh, [40, 0], [1, 300]), [1, 0]).dataSync())).toEqual(Array.from(h.dataSync().subarray(0, 300)));
      return relu(matmul(slice(hh, [0, 0], [40, 300]), w));
    });
    expect(inner).not.toBeInstanceOf(Float32Array);
    expect(y.storage).toBeInstanceOf(Float32Array);
    expect(y.dataSync()).toEqual(want);
    expect(wasm.residentBytes).toBe(0);
    await wasm.close();
  });

  it('runs a tidy scope\'s kernels over the shared memory while its helpers take shares, and over its own once they sit out', async () => {
    const wasm = await createWasmBackend({ threads: 2, yieldToOtherProcesses: false });
    setBackend(wasm);
    const rng = createRng(8);
    const [x, w] = [randn([64, 300], { rng }), randn([300, 257], { rng })];
    /** The product's elements, and whether the result lay in shared memory. */
    const product = () => tidy(() => {
      const y = relu(matmul(x, w));
      const { buffer } = (y.storage as { arena: { memory: WebAssembly.Memory } }).arena.memory;
      return { values: Array.from(y.dataSync()), shared: buffer instanceof SharedArrayBuffer };
    });
    const split = product();
    expect(split.shared).toBe(true);
    // closed helpers sit out for good (as starved ones, or ones whose cores other processes hold, do for a while)
    await wasm.close();
    const alone = product();
    expect(alone.shared).toBe(false);
    expect(alone.values).toEqual(split.values);
    expect(wasm.residentBytes).toBe(0);
  });

  it('gives the small MLP the same loss and gradients when the step runs in tidy', async () => {
    const want = lossAndGrads(cpuBackend, 'float32');
    const wasm = await createWasmBackend({ threads: 1 });
    const got = tidy(() => lossAndGrads(wasm, 'float32'));
    expect(got.loss).toBeCloseTo(want.loss, 5);
    got.grads.forEach((g, i) => expect(g).toBeAllClose(want.grads[i], { rtol: 1e-5, atol: 1e-5 * Math.max(...want.grads[i].map(Math.abs)) }));
    expect(wasm.residentBytes).toBe(0);
  });

  it('moves a kept result to host memory when its scope ends; a disposed one cannot be read', async () => {
    const wasm = await createWasmBackend({ threads: 1 });
    setBackend(wasm);
    const x = randn([500], { rng: createRng(6) });
    let kept: Tensor | undefined;
    let dropped: Tensor | undefined;
    tidy(() => {
      kept = keep(relu(x));
      dropped = relu(neg(x));
      expect(kept.storage).not.toBeInstanceOf(Float32Array);
    });
    expect(kept!.storage).toBeInstanceOf(Float32Array);
    expect(kept!.dataSync()).toEqual(x.dataSync().map((v) => Math.max(v, 0)));
    expect(() => dropped!.dataSync()).toThrow(DisposedError);
    expect(wasm.residentBytes).toBe(0);
  });

  it.each([1, 2])('stages a host tensor once inside tidy, where every kernel reads it in place (%i threads)', async (threads) => {
    const wasm = await createWasmBackend({ threads, yieldToOtherProcesses: false });
    setBackend(wasm);
    const rng = createRng(12);
    for (const dtype of ['float32', 'float64'] as const) {
      const x = randn([33, 65], { rng, dtype });
      const w = randn([65, 7], { rng, dtype });
      const want = matmul(x, w).dataSync().slice();
      tidy(() => {
        const s = stage(x);
        expect(s).not.toBe(x);
        expect(s.storage).not.toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
        expect(wasm.residentBytes).toBeGreaterThanOrEqual(33 * 65 * (dtype === 'float32' ? 4 : 8));
        // already in place: itself
        expect(stage(s)).toBe(s);
        expect(s.dataSync()).toEqual(x.dataSync());
        expect(matmul(s, w).dataSync()).toEqual(want);
        // its gradient passes through
        expect(valueAndGrad((p) => sum(mul(stage(p.x), stage(p.x))), { x }).grads.x.dataSync()).toEqual(mul(x, 2).dataSync());
      });
    }
    const labels = tensor([3, 1, 4], undefined, 'int32');
    expect(tidy(() => Array.from(stage(labels).dataSync()))).toEqual([3, 1, 4]);
    // outside tidy there is no scope to hold a copy: x itself
    const x = randn([4], { rng });
    expect(stage(x)).toBe(x);
    expect(wasm.residentBytes).toBe(0);
    await wasm.close();
  });

  it('never recycles an array that dataSync handed out, nor one a caller wrapped', async () => {
    setBackend(await createWasmBackend({ threads: 1 }));
    const x = randn([300], { rng: createRng(4) });
    const y = relu(x);
    const read = y.dataSync();
    const copy = Array.from(read);
    dispose(y);
    const z = relu(neg(x));
    expect(z.storage).not.toBe(read);
    expect(Array.from(read)).toEqual(copy);
    const own = new Float32Array(300).fill(1);
    const wrapped = tensor(own, [300]);
    const wrappedStorage = wrapped.storage;
    dispose(wrapped);
    expect(relu(x).storage).not.toBe(wrappedStorage);
  });

  it('has a synchronous variant', () => {
    const wasm = createWasmBackendSync();
    expect(wasm.name).toBe('wasm');
    const a = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3], dtype: 'float64' as const };
    const b = { data: new Float64Array([1, 0, 0, 1, 1, 1]), shape: [3, 2], dtype: 'float64' as const };
    const c = wasm.kernels.matmul([a, b], { transposeA: false, transposeB: false }, { shape: [2, 2], dtype: 'float64' });
    expect(Array.from(c as Float64Array)).toEqual([4, 5, 10, 11]); // [1 2 3]·B = [1+3, 2+3], [4 5 6]·B = [4+6, 5+6]
  });
});
