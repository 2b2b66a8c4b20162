import {
  type Backend, type FusedKernels, type Layer, type StreamKey, cpuBackend, createRng, drawStreamKey, fillKeyedMask, fillKeyedNormal, getBackend,
  add, randn, setBackend, tensor, zeros,
} from '@nn/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { dropout } from './dropout';
import { gaussianNoise } from './gaussian-noise';
import { addKeyedNoise } from './keyed-noise';
import { testLinear, values } from './test-helpers';
import { weightNoise } from './weight-noise';

/**
 * The CPU backend plus fused random kernels that compute with the host functions and count their calls:
 * stands in for a backend with kernels of its own (the wasm backend, whose kernels @nn/gpu's tests hold
 * to these same functions bit for bit). `give` undefined makes every kernel decline.
 */
function fusedBackend(give = true): Backend & { calls: string[] } {
  const calls: string[] = [];
  const fused: FusedKernels = {
    dropoutMaskF32(n: number, key: StreamKey, p: number, scale: number, x?: unknown) {
      calls.push(`mask ${n}`);
      const mask = fillKeyedMask(new Float32Array(n), key, p, scale);
      return give ? (x === undefined ? mask : mask.map((m, i) => (x as Float32Array)[i] * m)) : undefined;
    },
    normalF32(n: number, key: StreamKey, mean: number, std: number, x?: unknown) {
      calls.push(`normal ${n}`);
      return give ? fillKeyedNormal(new Float32Array(n), key, mean, std, x as Float32Array | undefined) : undefined;
    },
  };
  return { ...cpuBackend, name: 'fused-test', fused, calls };
}

const previous = getBackend();
afterEach(() => setBackend(previous));

/** Runs `fn` on `backend`; its result's values. */
function on(backend: Backend, fn: () => number[]): number[] {
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

describe('dropout and addKeyedNoise', () => {
  it('draw one key from the generator and apply the stream’s mask or add its normals (float32 and float64 dropout)', () => {
    const key = drawStreamKey(createRng(1));
    for (const dtype of ['float32', 'float64'] as const) {
      const ones = add(zeros([3, 7], dtype), 1);
      const kept = dropout(0.3).forward(ones, { training: true, rng: createRng(1) });
      const expected = fillKeyedMask(dtype === 'float32' ? new Float32Array(21) : new Float64Array(21), key, 0.3, 1 / 0.7);
      expect(kept.dtype).toBe(dtype);
      expect(kept.shape).toEqual([3, 7]);
      expect(values(kept)).toEqual(Array.from(expected));
    }
    const x = randn([17], { rng: createRng(10) });
    const noisy = addKeyedNoise(x, 0.5, createRng(1));
    expect(values(noisy)).toEqual(Array.from(fillKeyedNormal(new Float32Array(17), key, 0, 0.5, x.dataSync() as Float32Array)));
  });

  it('draw float64 noise from the generator itself, in double precision', () => {
    const x = randn([5], { rng: createRng(10), dtype: 'float64' });
    expect(values(addKeyedNoise(x, 0.5, createRng(2)))).toEqual(values(add(x, randn([5], { rng: createRng(2), dtype: 'float64', std: 0.5 }))));
  });

  it('use a backend’s fused kernels for float32, with the same results as the host path, and fall back when they decline', () => {
    for (const give of [true, false]) {
      const backend = fusedBackend(give);
      const ones = add(zeros([1003]), 1);
      const kept = on(backend, () => values(dropout(0.5).forward(ones, { training: true, rng: createRng(3) })));
      expect(kept).toEqual(values(dropout(0.5).forward(ones, { training: true, rng: createRng(3) })));
      const x = randn([3], { rng: createRng(10) });
      const noisy = on(backend, () => values(addKeyedNoise(x, 1, createRng(4))));
      expect(noisy).toEqual(values(addKeyedNoise(x, 1, createRng(4))));
      on(backend, () => values(dropout(0.5).forward(add(zeros([4], 'float64'), 1), { training: true, rng: createRng(3) })));
      expect(backend.calls).toEqual(['mask 1003', 'normal 3']);
    }
  });
});

describe('dropout and noise layers on a backend with fused kernels', () => {
  /** Same outputs on the plain CPU backend and on one with fused kernels, for shapes of 1, 3, 17 and 1003 elements. */
  const layers: [string, () => Layer][] = [
    ['dropout', () => dropout(0.3)],
    ['dropout scale-at-test', () => dropout(0.8, { mode: 'scale-at-test' })],
    ['gaussianNoise', () => gaussianNoise(0.2)],
  ];
  it.each(layers)('%s trains the same on both (float32), and float64 never asks the backend', (_, make) => {
    for (const shape of [[1], [3], [1, 17], [17, 59]]) {
      const x = randn(shape, { rng: createRng(5) });
      const plain = values(make().forward(x, { training: true, rng: createRng(6) }));
      const backend = fusedBackend();
      expect(on(backend, () => values(make().forward(x, { training: true, rng: createRng(6) })))).toEqual(plain);
      expect(backend.calls.length).toBe(1);
      const x64 = randn(shape, { rng: createRng(5), dtype: 'float64' });
      const plain64 = values(make().forward(x64, { training: true, rng: createRng(6) }));
      const backend64 = fusedBackend();
      expect(on(backend64, () => values(make().forward(x64, { training: true, rng: createRng(6) })))).toEqual(plain64);
      expect(backend64.calls).toEqual([]);
    }
  });

  it('weightNoise draws each noisy weight matrix from the backend’s kernel, with the host path’s values', () => {
    const layer = weightNoise(testLinear(17, 3, createRng(7)), 0.1);
    const x = randn([5, 17], { rng: createRng(8) });
    const plain = values(layer.forward(x, { training: true, rng: createRng(9) }));
    const backend = fusedBackend();
    expect(on(backend, () => values(layer.forward(x, { training: true, rng: createRng(9) })))).toEqual(plain);
    expect(backend.calls).toEqual(['normal 51']); // w only: biases are not noisy by default
    expect(values(layer.forward(tensor([Array.from({ length: 17 }, () => 0)])))).toEqual(values(layer.layer.forward(tensor([Array.from({ length: 17 }, () => 0)]))));
  });
});
