import { createRequire } from 'node:module';
import { NnError, ValueError } from '@nn/tensor';
import { describe, expect, it, vi } from 'vitest';
import { createGpuBackend } from './create-gpu-backend';
import { GpuModeUnavailableError } from './open-gpu';

const { GPU } = createRequire(import.meta.url)('gpu.js') as { GPU: { isHeadlessGLSupported: boolean; isWebGL2Supported: boolean } };

describe('createGpuBackend', () => {
  it("picks gpu.js's own choice in mode 'auto'", async () => {
    const backend = await createGpuBackend();
    expect(backend.name).toMatch(/^gpu\.js:(headlessgl|webgl2|webgl|webasm|cpu)$/);
    if (!GPU.isHeadlessGLSupported) expect(backend.name).toBe('gpu.js:webasm');
    await backend.destroy();
  });

  it.skipIf(GPU.isHeadlessGLSupported)("says what headless-gl lacks when 'headlessgl' cannot run", async () => {
    const error = await createGpuBackend({ mode: 'headlessgl' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GpuModeUnavailableError);
    expect(error).toBeInstanceOf(NnError);
    expect((error as GpuModeUnavailableError).mode).toBe('headlessgl');
    // the native module is not built, or it is and there is no X display, or gpu.js's one probe failed
    expect((error as Error).message).toMatch(/^createGpuBackend: mode 'headlessgl' is unavailable: .*('gl'.*(not built|does not load)|X display|when it first checked)/);
  });

  it.skipIf(GPU.isHeadlessGLSupported)("refuses mode 'gpu' without a GL context instead of settling for WebAssembly", async () => {
    await expect(createGpuBackend({ mode: 'gpu' })).rejects.toThrow(/mode 'gpu' is unavailable: no GPU kernel class .*mode 'auto'/);
  });

  it("says that 'webgl2' and 'webgl' need a browser in Node", async () => {
    await expect(createGpuBackend({ mode: 'webgl2' })).rejects.toThrow(/mode 'webgl2' is unavailable: .*no DOM; in Node use 'headlessgl'/);
    await expect(createGpuBackend({ mode: 'webgl' })).rejects.toThrow(GpuModeUnavailableError);
  });

  it("says why 'webgpu' cannot serve: no adapter here, and asynchronous readback anywhere", async () => {
    const error = (await createGpuBackend({ mode: 'webgpu' }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(GpuModeUnavailableError);
    const hasWebGpu = typeof navigator !== 'undefined' && 'gpu' in navigator;
    if (!hasWebGpu) expect(error.message).toMatch(/navigator\.gpu is missing/);
    expect(error.message).toMatch(/synchronous/);
  });

  it('rejects an unknown mode with a ValueError', async () => {
    await expect(createGpuBackend({ mode: 'cuda' as never })).rejects.toThrow(ValueError);
  });

  it('imports gpu.js only when a backend is created, never when @nn/gpu is imported', async () => {
    vi.resetModules();
    let imported = 0;
    vi.doMock('gpu.js', async () => {
      imported++;
      return await vi.importActual('gpu.js');
    });
    try {
      const gpu = await import('../index');
      expect(imported).toBe(0);
      const backend = await gpu.createGpuBackend({ mode: 'cpu' });
      expect(imported).toBe(1);
      await backend.destroy();
    } finally {
      vi.doUnmock('gpu.js');
      vi.resetModules();
    }
  });

  it('says so when gpu.js is not installed', async () => {
    vi.resetModules();
    vi.doMock('gpu.js', () => {
      throw new Error("Cannot find package 'gpu.js'");
    });
    try {
      const { createGpuBackend: create } = await import('./create-gpu-backend');
      await expect(create({ mode: 'cpu' })).rejects.toThrow(/mode 'cpu' is unavailable: gpu\.js is not installed .*install gpu\.js@\^2\.24\.1/);
    } finally {
      vi.doUnmock('gpu.js');
      vi.resetModules();
    }
  });
});
