import { createRequire } from 'node:module';
import { cpuBackend, exp, matmul, relu, reshape, setBackend, sum, tensor } from '@nn/tensor';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { backendOn, flattenOutput } from './create-gpu-backend';
import { isDeviceStorage } from './device-memory';
import type { GpuJsInstance, GpuJsKernelRun, GpuJsTexture } from './gpujs-types';
import { describeParity } from './parity-cases';

/*
 * The GL modes' storage path (textures between kernels, lazy downloads, uploads cached, textures freed)
 * on machines without GL: a fake GPU that reports mode 'webgl2' and runs the kernel functions through
 * gpu-mock.js, wrapping each result in a counted fake texture (gpu-mock reads textures through toArray).
 */
const requireBesideGpuJs = createRequire(createRequire(import.meta.url).resolve('gpu.js'));
const { gpuMock } = requireBesideGpuJs('gpu-mock.js') as { gpuMock: (fn: unknown, settings: object) => GpuJsKernelRun };

const counts = { created: 0, deleted: 0, reads: 0 };

function fakeGlGpu(): GpuJsInstance {
  return {
    Kernel: { mode: 'webgl2', name: 'FakeWebGL2Kernel', isSupported: true },
    createKernel(fn, settings) {
      const mock = gpuMock(fn, settings);
      const run = ((...args: unknown[]) => {
        for (const arg of args) {
          if ((arg as { deletedTexture?: boolean }).deletedTexture) throw new Error('a kernel read a deleted texture');
        }
        // a GL texture reads as flat row-major data in a kernel, whatever the output's rank
        const values = flattenOutput(mock(...args), 0);
        counts.created++;
        const texture: GpuJsTexture & { type: string; deletedTexture: boolean } = {
          type: 'FakeTexture',
          output: [],
          deletedTexture: false,
          toArray: () => (counts.reads++, values),
          delete() {
            if (this.deletedTexture) throw new Error('texture deleted twice');
            this.deletedTexture = true;
            counts.deleted++;
          },
        };
        return texture;
      }) as GpuJsKernelRun;
      return Object.assign(run, {
        setOutput: (output: number[]) => (mock.setOutput(output), run),
        kernel: { constructor: { mode: 'webgl2', name: 'FakeWebGL2Kernel' } },
        destroy: () => {},
      });
    },
    destroy: async () => {},
  };
}

describe('device residency (fake GL textures over gpu-mock.js)', () => {
  const backend = backendOn(fakeGlGpu());
  afterEach(() => setBackend(cpuBackend));
  afterAll(() => backend.destroy());

  it('keeps results in textures until downloaded, then downloads once', () => {
    setBackend(backend);
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6], [7, 8]]);
    const c = relu(matmul(a, b));
    expect(isDeviceStorage(c.storage)).toBe(true);
    const storage = c.storage as { handle: { host: unknown; texture: unknown } };
    expect(storage.handle.texture).not.toBeNull();
    expect(storage.handle.host).toBeNull();
    const reads = counts.reads;
    expect(Array.from(c.dataSync())).toEqual([19, 22, 43, 50]);
    expect(Array.from(c.dataSync())).toEqual([19, 22, 43, 50]);
    expect(counts.reads).toBe(reads + 1);
  });

  it('uploads a host array once however many kernels read it', () => {
    setBackend(backend);
    const x = tensor([1, 2, 3]);
    const created = counts.created;
    exp(x);
    relu(x);
    sum(x);
    expect(counts.created - created).toBe(1 + 3); // one upload, three results
  });

  it('deletes textures when tensors are disposed, and refuses disposed tensors', () => {
    setBackend(backend);
    const live = backend.liveTextures;
    const x = exp(tensor([1, 2, 3]));
    const y = exp(x);
    expect(backend.liveTextures).toBe(live + 3); // the upload of [1, 2, 3], x and y
    x[Symbol.dispose]();
    y[Symbol.dispose]();
    expect(backend.liveTextures).toBe(live + 1);
    expect(() => exp(x)).toThrow(/disposed/);
    expect(() => y.dataSync()).toThrow(/disposed/);
  });

  it('keeps the texture of a reshape whose input is disposed', () => {
    setBackend(backend);
    const x = exp(tensor([1, 2, 3, 4]));
    const y = reshape(x, [2, 2]);
    expect((y.storage as { handle: unknown }).handle).toBe((x.storage as { handle: unknown }).handle);
    x[Symbol.dispose]();
    expect(y.dataSync()).toEqual(Float32Array.from([1, 2, 3, 4], Math.exp));
  });

  let live = 0;
  it('counts the live textures before the parity suite', () => {
    live = backend.liveTextures;
  });

  describeParity(() => backend, { large: 257 });

  it('leaves no texture behind after the parity suite, which disposes what it makes', () => {
    expect(backend.liveTextures).toBe(live);
  });
});
