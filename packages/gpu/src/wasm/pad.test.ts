import { afterEach, describe, expect, it } from 'vitest';
import { type DType, cpuBackend, createRng, pad, randint, randn, relu, setBackend, tidy } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

afterEach(() => setBackend(cpuBackend));

const wasm = await createWasmBackend({ threads: 1 });

describe('wasm pad', () => {
  it.each([
    ['float32', [256, 1, 28, 28], [[0, 0], [0, 0], [2, 2], [2, 2]], 0],
    ['float64', [3, 2, 5, 7], [[0, 0], [0, 0], [0, 3], [1, 0]], -Infinity],
    ['float32', [4, 9, 33], [[1, 0], [0, 2], [3, 1]], 0.5],
    ['int32', [6, 40, 3], [[0, 0], [2, 1], [0, 0]], 7],
  ] as const)('pads %s %j by %j with %d as the CPU kernel does, reading its input in wasm memory or on the host', (dtype: DType, shape, paddings, value) => {
    const rng = createRng(9);
    const x = dtype === 'int32' ? randint([...shape], 50, { rng }) : randn([...shape], { rng, dtype });
    const attrs = paddings.map(([a, b]) => [a, b] as [number, number]);
    // relu (identity on int32: none) so that, inside tidy, the input itself is a result in wasm memory
    const prepare = dtype === 'int32' ? (t: typeof x) => t : relu;
    const want = pad(prepare(x), attrs, value).dataSync();
    setBackend(wasm);
    const onHost = prepare(x);
    for (const inWasm of [false, true]) {
      const got = tidy(() => pad(inWasm ? prepare(x) : onHost, attrs, value));
      expect(Array.from(got.dataSync())).toEqual(Array.from(want));
    }
    expect(wasm.residentBytes).toBe(0);
  });
});
