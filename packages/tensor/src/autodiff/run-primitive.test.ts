import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { setBackend } from '../backend/registry';
import { add } from '../ops/binary';
import { tensor } from '../ops/creation';

afterEach(() => setBackend(cpuBackend));

/** A backend with the CPU kernels that counts how often host data is uploaded to it. */
function countingBackend(hostStorage: boolean): Backend & { uploads: number } {
  const backend = {
    ...cpuBackend,
    name: 'counting',
    hostStorage,
    uploads: 0,
    upload(values: Parameters<Backend['upload']>[0], dtype: Parameters<Backend['upload']>[1]) {
      backend.uploads++;
      return cpuBackend.upload(values, dtype);
    },
  };
  return backend;
}

describe('runPrimitive across backends', () => {
  it('hands a tensor to another host-storage backend without copying it', () => {
    const a = tensor([1, 2, 3]);
    const backend = countingBackend(true);
    setBackend(backend);
    expect(add(a, a)).toBeAllClose([2, 4, 6]);
    expect(backend.uploads).toBe(0);
  });

  it('moves a tensor through host memory to a backend with storage of its own', () => {
    const a = tensor([1, 2, 3]);
    const backend = countingBackend(false);
    setBackend(backend);
    expect(add(a, a)).toBeAllClose([2, 4, 6]);
    expect(backend.uploads).toBe(2);
  });
});
