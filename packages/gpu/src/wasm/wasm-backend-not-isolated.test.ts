import { afterEach, describe, expect, it, vi } from 'vitest';
import { cpuBackend } from '@nn/tensor';
import { createWasmBackend, createWasmBackendSync } from './create-wasm-backend';

// the backend gets the browser's thread host, as a page's bundle does (the `browser` condition of #thread-host)
vi.mock('#thread-host', () => import('./thread-host.browser'));

const scope = globalThis as { crossOriginIsolated?: boolean };
afterEach(() => {
  delete scope.crossOriginIsolated;
  vi.restoreAllMocks();
});

const NOT_ISOLATED =
  'the page is not cross-origin isolated, so it has no SharedArrayBuffer (serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';

describe('a wasm backend where helper threads cannot run', () => {
  const a = { data: Float32Array.from({ length: 300 * 300 }, (_, i) => (i % 11) - 5), shape: [300, 300], dtype: 'float32' as const };
  const attrs = { transposeA: false, transposeB: false };
  const out = { shape: [300, 300], dtype: 'float32' as const };

  it.each([['createWasmBackend', () => createWasmBackend({ threads: 2 })], ['createWasmBackendSync', async () => createWasmBackendSync({ threads: 2 })]])(
    '%s falls back to one thread on a page that is not cross-origin isolated, warns once and says why',
    async (_, create) => {
      scope.crossOriginIsolated = false;
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const backend = await create();
      expect(backend.threads).toBe(1);
      expect(backend.singleThreadReason).toBe(NOT_ISOLATED);
      expect(warn.mock.calls).toEqual([[`createWasmBackend: running on one thread instead of 2: ${NOT_ISOLATED}`]]);
      expect(Array.from(backend.kernels.matmul([a, a], attrs, out) as Float32Array)).toEqual(Array.from(cpuBackend.kernels.matmul([a, a], attrs, out) as Float32Array));
    },
  );

  it('neither warns nor gives a reason when one thread was asked for', async () => {
    scope.crossOriginIsolated = false;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backend = await createWasmBackend({ threads: 1 });
    expect([backend.threads, backend.singleThreadReason, warn.mock.calls.length]).toEqual([1, undefined, 0]);
  });
});
