import { describe, expect, it, vi } from 'vitest';
import { cpuBackend } from '@nn/tensor';
import { createWasmBackend, createWasmBackendSync } from './create-wasm-backend';

// helpers that never start, as in a sandbox that refuses threads
vi.mock('./gemm-threads', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./gemm-threads')>()),
  startGemmThreads: () => ({
    helpers: 1,
    ready: () => false,
    whenReady: () => Promise.reject(new Error('threads are not allowed here')),
    waitReadySync: () => false,
    run: () => {
      throw new Error('run must not be called when the helpers are not ready');
    },
    close: async () => {},
  }),
}));

describe('a wasm backend whose helper threads cannot start', () => {
  const createBoth = [['createWasmBackend', () => createWasmBackend({ threads: 2 })], ['createWasmBackendSync', async () => createWasmBackendSync({ threads: 2 })]] as const;
  it.each(createBoth)(
    '%s still gives a working backend, on one thread',
    async (_, create) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const backend = await create();
      expect(backend.threads).toBe(1);
      // the async form waits for the helpers and knows they failed; the sync one stops waiting and runs on one thread meanwhile
      const reason = create === createBoth[0][1] ? 'its helper threads (worker_threads) did not start: threads are not allowed here' : undefined;
      expect(backend.singleThreadReason).toBe(reason);
      expect(warn.mock.calls).toEqual(reason ? [[`createWasmBackend: running on one thread instead of 2: ${reason}`]] : []);
      warn.mockRestore();
      const a = { data: Float32Array.from({ length: 300 * 300 }, (_, i) => (i % 13) - 6), shape: [300, 300], dtype: 'float32' as const };
      const attrs = { transposeA: false, transposeB: false };
      const out = { shape: [300, 300], dtype: 'float32' as const };
      expect(Array.from(backend.kernels.matmul([a, a], attrs, out) as Float32Array)).toEqual(Array.from(cpuBackend.kernels.matmul([a, a], attrs, out) as Float32Array));
    },
  );
});
