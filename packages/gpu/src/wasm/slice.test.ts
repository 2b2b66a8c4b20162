import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type DType, concat, cpuBackend, createRng, mul, ones, randint, randn, relu, setBackend, slice, sum, tidy, valueAndGrad } from '@nn/tensor';
import { isResident } from './arena';
import { createWasmBackend } from './create-wasm-backend';

afterEach(() => setBackend(cpuBackend));

const one = await createWasmBackend({ threads: 1, smallOpsOnCpu: false });
// NOTE: two threads keep a tidy scope's results in the memory they share, where copies cost more (see copyRows)
const two = await createWasmBackend({ threads: 2, yieldToOtherProcesses: false, smallOpsOnCpu: false });
afterAll(() => two.close());

describe.each([['one thread', one], ['two threads', two]] as const)('wasm slice on %s', (_, wasm) => {
  it.each([
    ['float32', [32, 1177], [0, 0], [32, 1176]], // a convolution's concat gradient: each row cut by one
    ['float64', [32, 1177], [0, 1176], [32, 1]],
    ['float32', [7, 5, 9, 3], [1, 2, 0, 0], [5, 3, 9, 3]], // the last two axes whole: runs of 27
    ['float64', [7, 5, 9, 3], [2, 0, 4, 1], [3, 5, 4, 2]], // nothing whole: runs of 2
    ['float32', [65], [7], [33]],
    ['float32', [4, 6], [0, 0], [4, 6]], // all of it: one run
    ['int32', [9, 10], [3, 2], [4, 5]],
    ['float32', [3, 0, 4], [0, 0, 0], [3, 0, 4]],
  ] as const)('cuts %s %j at %j, size %j, as the CPU kernel does, from wasm memory into wasm memory', (dtype: DType, shape, begin, size) => {
    const rng = createRng(3);
    const host = dtype === 'int32' ? randint([...shape], 100, { rng }) : randn([...shape], { rng, dtype });
    const want = slice(host, [...begin], [...size]).dataSync();
    setBackend(wasm);
    const got = tidy(() => {
      // NOTE: relu puts the input in wasm memory; an int32 one stays on the host (the CPU kernel then)
      const x = dtype === 'int32' ? host : relu(host);
      const y = slice(x, [...begin], [...size]);
      if (dtype !== 'int32' && y.size > 0) expect(isResident(y.storage)).toBe(true);
      return y;
    });
    const expected = dtype === 'int32' ? Array.from(want) : Array.from(want, (v) => Math.max(v, 0));
    expect(Array.from(got.dataSync())).toEqual(expected);
    expect(wasm.residentBytes).toBe(0);
  });

  it('gives a concat the gradient the CPU backend gives (its VJP is slices)', () => {
    const rng = createRng(4);
    const x = randn([32, 1176], { rng });
    const weights = randn([32, 1177], { rng });
    const f = (p: { x: typeof x }) => sum(mul(concat([relu(p.x), ones([32, 1])], 1), weights));
    const want = valueAndGrad(f, { x }).grads.x.dataSync();
    setBackend(wasm);
    const got = tidy(() => valueAndGrad(f, { x }).grads.x);
    expect(Array.from(got.dataSync())).toEqual(Array.from(want));
  });
});
