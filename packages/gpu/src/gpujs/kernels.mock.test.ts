import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { backendOn } from './create-gpu-backend';
import type { GpuJsInstance, GpuJsKernelRun } from './gpujs-types';
import { matmulKernel } from './kernels/matmul-kernel';
import { describeParity } from './parity-cases';

/**
 * gpu-mock.js runs a kernel function as plain JavaScript over its thread grid. It is a dependency of
 * gpu.js, not of @nn/gpu, so it is resolved from gpu.js's own location.
 */
const requireBesideGpuJs = createRequire(createRequire(import.meta.url).resolve('gpu.js'));
const { gpuMock } = requireBesideGpuJs('gpu-mock.js') as {
  gpuMock: (fn: (...args: never[]) => number, settings: { output: number[] }) => GpuJsKernelRun;
};

/** A stand-in for a gpu.js GPU whose kernels are the kernel functions themselves, run by gpu-mock.js. */
const mockGpu: GpuJsInstance = {
  Kernel: { mode: 'mock', name: 'gpuMock', isSupported: true },
  createKernel(fn, settings) {
    const run = gpuMock(fn, settings as { output: number[] });
    Object.assign(run, { kernel: { constructor: { mode: 'mock', name: 'gpuMock' } } });
    return run;
  },
  destroy: async () => {},
};

describe('kernel functions under gpu-mock.js', () => {
  const backend = backendOn(mockGpu);
  it('is named after the mock', () => expect(backend.name).toBe('gpu.js:mock'));

  it('matmulKernel computes one element per thread', () => {
    // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
    const run = gpuMock(matmulKernel, { output: [2, 2] });
    const c = run(new Float32Array([1, 2, 3, 4]), new Float32Array([5, 6, 7, 8]), 2, 2, 1, 2, 1, 1, 0, 0, 0, 0) as Float32Array[];
    expect(c.map((row) => Array.from(row))).toEqual([[19, 22], [43, 50]]);
  });

  describeParity(() => backend, { large: 257 });

  it('ran every kernel through the mock', () => {
    expect(Object.keys(backend.kernelModes()).length).toBeGreaterThan(20);
    expect(new Set(Object.values(backend.kernelModes()))).toEqual(new Set(['mock']));
  });
});
