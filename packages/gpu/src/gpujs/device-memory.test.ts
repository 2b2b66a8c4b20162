import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createDeviceMemory } from './device-memory';
import type { GpuJsTexture } from './gpujs-types';

function fakeTexture(): GpuJsTexture & { deleted: number } {
  return { output: [1], deleted: 0, toArray: () => new Float32Array(1), delete() { this.deleted++; } };
}

describe('createDeviceMemory', () => {
  it('deletes a texture when its last storage is released, once', () => {
    const memory = createDeviceMemory();
    const texture = fakeTexture();
    const a = memory.wrap({ texture });
    const b = memory.share(a);
    expect(memory.liveTextures).toBe(1);
    memory.release(a);
    memory.release(a);
    expect(texture.deleted).toBe(0);
    memory.release(b);
    expect(texture.deleted).toBe(1);
    expect(memory.liveTextures).toBe(0);
    expect(b.handle.texture).toBeNull();
  });

  it('tracks a texture attached to a host array and frees everything on releaseAll', () => {
    const memory = createDeviceMemory();
    const uploaded = fakeTexture();
    const host = memory.wrap({ host: new Float32Array(3) });
    memory.attach(host, uploaded);
    const other = fakeTexture();
    memory.wrap({ texture: other });
    expect(memory.liveTextures).toBe(2);
    memory.releaseAll();
    expect([uploaded.deleted, other.deleted, memory.liveTextures]).toEqual([1, 1, 0]);
    memory.release(host); // after releaseAll: nothing left to delete, and no error
    expect(uploaded.deleted).toBe(1);
  });

  it('deletes the texture of a storage that is garbage-collected', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const memory = createDeviceMemory();
    const texture = fakeTexture();
    (() => {
      memory.wrap({ texture });
    })();
    for (let i = 0; i < 20 && texture.deleted === 0; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(texture.deleted).toBe(1);
    expect(memory.liveTextures).toBe(0);
  });
});
