import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type DType, concat, cpuBackend, createRng, randn, randint, relu, setBackend, tidy } from '@nn/tensor';
import { createWasmBackend } from './create-wasm-backend';

afterEach(() => setBackend(cpuBackend));

const one = await createWasmBackend({ threads: 1 });
// NOTE: two threads keep a tidy scope's results in the memory they share, where copies cost more (see copyRows)
const two = await createWasmBackend({ threads: 2, yieldToOtherProcesses: false });
afterAll(() => two.close());

it('runs the two-thread backend with its helper ready', () => expect(two.threads).toBe(2));

describe.each([['one thread', one], ['two threads', two]] as const)('wasm concat on %s', (_, wasm) => {
  it.each([
    ['float32', [[256, 784], [256, 2]], 1],
    ['float64', [[3, 5, 7], [3, 2, 7], [3, 1, 7]], 1],
    ['float32', [[4, 33], [9, 33]], 0],
    ['int32', [[20, 17], [20, 3]], 1],
  ] as const)('joins %s blocks as the CPU kernel does, inputs in wasm memory or on the host: %j along axis %i', (dtype: DType, shapes, axis) => {
    const rng = createRng(8);
    const make = () => shapes.map((shape) => (dtype === 'int32' ? randint([...shape], 100, { rng }) : randn([...shape], { rng, dtype })));
    const host = make();
    const want = concat(host, axis).dataSync();
    setBackend(wasm);
    const got = tidy(() => {
      // the first input a result kept in wasm memory (relu of itself shifted up), the others host arrays
      const first = dtype === 'int32' ? host[0] : relu(host[0]);
      expect(first.storage === host[0].storage).toBe(dtype === 'int32');
      return concat([first, ...host.slice(1)], axis);
    });
    const firstWant = dtype === 'int32' ? want : want.map((v, i) => (isFromFirst(i, shapes, axis) ? Math.max(v, 0) : v));
    expect(Array.from(got.dataSync())).toEqual(Array.from(firstWant));
    expect(wasm.residentBytes).toBe(0);
  });
});

/** Whether element i of the concatenation comes from the first input. */
function isFromFirst(i: number, shapes: readonly (readonly number[])[], axis: number): boolean {
  const inner = shapes[0].slice(axis + 1).reduce((a, b) => a * b, 1);
  const row = shapes.reduce((n, s) => n + s[axis], 0) * inner;
  return i % row < shapes[0][axis] * inner;
}
