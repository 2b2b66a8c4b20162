import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GpuBackend, createGpuBackend } from './create-gpu-backend';
import type { GpuMode } from './open-gpu';
import { describeParity } from './parity-cases';

/**
 * The gpu.js modes this machine can run: 'cpu' (gpu.js's JS kernels) and 'auto' (in Node without `gl`,
 * gpu.js's WebAssembly kernels). NN_GPUJS_MODE=headlessgl (scripts/test-gl.sh) runs that mode alone,
 * and then an unavailable mode fails the suite rather than skipping it.
 */
const modes: GpuMode[] = process.env.NN_GPUJS_MODE ? [process.env.NN_GPUJS_MODE as GpuMode] : ['cpu', 'auto'];

for (const mode of modes) {
  describe(`gpu.js backend, mode '${mode}'`, () => {
    let backend: GpuBackend;
    beforeAll(async () => {
      backend = await createGpuBackend({ mode });
    });
    afterAll(async () => {
      await backend?.destroy();
    });

    it('is named after the kernel class gpu.js picked', () => {
      expect(backend.name).toBe(`gpu.js:${backend.mode}`);
      if (mode === 'gpu') expect(['headlessgl', 'webgl2', 'webgl']).toContain(backend.mode);
      else if (mode !== 'auto') expect(backend.mode).toBe(mode);
    });

    describeParity(() => backend, { large: mode === 'cpu' ? 65 : 257 });

    it('ran every kernel in its own mode (no silent fallback to gpu.js CPU kernels)', () => {
      const modesUsed = backend.kernelModes();
      expect(Object.keys(modesUsed).length).toBeGreaterThan(20);
      for (const [kernel, used] of Object.entries(modesUsed)) expect(`${kernel}: ${used}`).toBe(`${kernel}: ${backend.mode}`);
    });
  });
}
