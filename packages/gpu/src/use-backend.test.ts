import { afterEach, describe, expect, it } from 'vitest';
import { cpuBackend, getBackend, matmul, setBackend, tensor } from '@nn/tensor';
import { useBackend } from './use-backend';

afterEach(() => setBackend(cpuBackend));

describe('useBackend', () => {
  it('installs the named backend, and the same product comes out of each', async () => {
    const a = tensor([[1, 2], [3, 4]]);
    for (const [name, expected] of [['cpu', 'cpu'], ['wasm', 'wasm'], ['auto', 'wasm']] as const) {
      const backend = await useBackend(name);
      expect(getBackend()).toBe(backend);
      expect(backend.name).toBe(expected);
      expect(matmul(a, a)).toBeAllClose([[7, 10], [15, 22]]);
    }
    const gpu = await useBackend('gpu');
    expect(gpu.name).toMatch(/^gpu\.js:/);
  });

  it('refuses an unknown name', async () => {
    await expect(useBackend('tpu' as never)).rejects.toThrow(`useBackend: expected 'cpu', 'wasm', 'gpu' or 'auto', got "tpu"`);
  });
});
