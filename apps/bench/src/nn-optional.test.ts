import { cpuBackend } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { findLenet5, findWasmBackend } from './nn-optional';

describe('findLenet5', () => {
  it("is 'needs @nn/conv' until @nn/core exports lenet5", () => {
    expect(findLenet5({})).toEqual({ ok: false, reason: 'needs @nn/conv' });
    const lenet5 = () => ({}) as never;
    expect(findLenet5({ lenet5 })).toEqual({ ok: true, value: lenet5, source: '@nn/core' });
  });
});

describe('findWasmBackend', () => {
  it('takes the first candidate that exports createWasmBackend, sync or async', async () => {
    const found = await findWasmBackend([
      { source: 'a', load: async () => ({}) },
      { source: 'b', load: () => Promise.reject(new Error('Cannot find module')) },
      { source: 'c', load: async () => ({ createWasmBackend: async () => ({ ...cpuBackend, name: 'wasm' }) }) },
    ]);
    expect(found.ok && found.source).toBe('c');
    expect(found.ok && found.value.name).toBe('wasm');
  });

  it('says why when no candidate has it, or when it fails, and never throws', async () => {
    const none = await findWasmBackend([{ source: 'a', load: async () => ({}) }, { source: 'b', load: () => Promise.reject(new Error('x')) }]);
    expect(none).toEqual({ ok: false, reason: 'createWasmBackend not exported (a: no createWasmBackend; b: not found)' });
    const failing = await findWasmBackend([{ source: 'g', load: async () => ({ createWasmBackend: () => { throw new Error('no SIMD'); } }) }]);
    expect(failing).toEqual({ ok: false, reason: 'createWasmBackend from g failed: no SIMD' });
    const bad = await findWasmBackend([{ source: 'g', load: async () => ({ createWasmBackend: () => 42 }) }]);
    expect(bad.ok).toBe(false);
  });
});
