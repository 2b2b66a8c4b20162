import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { setBackend } from '../backend/registry';
import { add } from '../ops/binary';
import { tensor } from '../ops/creation';
import { exp } from '../ops/unary';

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

  it('copies storage that is not a host array even between host-storage backends (a result kept in device memory)', () => {
    // a host-storage backend whose results are boxed: another backend must never see the box
    const boxing: Backend = {
      ...cpuBackend,
      name: 'boxing',
      hostStorage: true,
      kernels: { ...cpuBackend.kernels, exp: (inputs, attrs, out) => ({ box: cpuBackend.kernels.exp(inputs, attrs, out) }) },
      download: (data) => (ArrayBuffer.isView(data) ? (data as Float32Array) : (data as { box: Float32Array }).box),
    };
    setBackend(boxing);
    const boxed = exp(tensor([0, 1]));
    const backend = countingBackend(true);
    setBackend(backend);
    // through host memory, once per use (a host array would pass with none, as above)
    expect(add(boxed, boxed)).toBeAllClose([2, 2 * Math.E]);
    expect(backend.uploads).toBe(2);
  });

  it('moves a tensor through host memory to a backend with storage of its own', () => {
    const a = tensor([1, 2, 3]);
    const backend = countingBackend(false);
    setBackend(backend);
    expect(add(a, a)).toBeAllClose([2, 4, 6]);
    expect(backend.uploads).toBe(2);
  });
});
