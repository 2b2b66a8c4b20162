import type { GpuJsTexture } from './gpujs-types';

/**
 * The elements of one float32 tensor in a GL mode: the texture a kernel wrote, a host copy, or both
 * (a host array is uploaded on first use by a kernel; a texture is read back on first download).
 * Tensors are immutable, so whichever exists stays valid. Several storages share one handle when an
 * op only reinterprets its input (reshape, identity): the handle counts them.
 */
export interface DeviceHandle {
  texture: GpuJsTexture | null;
  host: Float32Array | null;
  refs: number;
}

/** What a GL-mode tensor holds as its storage. */
export interface DeviceStorage {
  readonly kind: 'gpu.js-device';
  readonly handle: DeviceHandle;
  disposed: boolean;
}

export function isDeviceStorage(data: unknown): data is DeviceStorage {
  return typeof data === 'object' && data !== null && (data as DeviceStorage).kind === 'gpu.js-device';
}

export interface DeviceMemory {
  /** A new storage owning `texture` or `host`. */
  wrap(contents: { texture?: GpuJsTexture; host?: Float32Array }): DeviceStorage;
  /** Another storage for the same elements (reshape, identity); each one releases independently. */
  share(storage: DeviceStorage): DeviceStorage;
  /** Records the texture a host array was uploaded into, so later kernels reuse it. */
  attach(storage: DeviceStorage, texture: GpuJsTexture): void;
  /** Drops this storage's claim; the texture is deleted when the last claim goes. Idempotent. */
  release(storage: DeviceStorage): void;
  /** Releases every texture still alive (backend teardown). */
  releaseAll(): void;
  /** How many textures are alive (for tests and leak hunting). */
  readonly liveTextures: number;
}

/**
 * Tracks device memory. NOTE: a storage that is garbage-collected without `release` has its claim
 * dropped by a FinalizationRegistry; the registry holds the handle, never the storage, so the storage
 * stays collectable.
 */
export function createDeviceMemory(): DeviceMemory {
  const live = new Set<DeviceHandle>();
  const drop = (handle: DeviceHandle): void => {
    if (--handle.refs > 0) return;
    live.delete(handle);
    const texture = handle.texture;
    handle.texture = null;
    handle.host = null;
    try {
      texture?.delete();
    } catch {
      // the GL context may already be gone (after destroy()); nothing is left to free then
    }
  };
  const registry = new FinalizationRegistry<DeviceHandle>(drop);
  const claim = (handle: DeviceHandle): DeviceStorage => {
    handle.refs++;
    const storage: DeviceStorage = { kind: 'gpu.js-device', handle, disposed: false };
    registry.register(storage, handle, storage);
    return storage;
  };
  return {
    wrap({ texture, host }) {
      const handle: DeviceHandle = { texture: texture ?? null, host: host ?? null, refs: 0 };
      if (texture) live.add(handle);
      return claim(handle);
    },
    share: (storage) => claim(storage.handle),
    attach({ handle }, texture) {
      handle.texture = texture;
      live.add(handle);
    },
    release(storage) {
      if (storage.disposed) return;
      storage.disposed = true;
      registry.unregister(storage);
      drop(storage.handle);
    },
    releaseAll() {
      for (const handle of [...live]) {
        handle.refs = 1;
        drop(handle);
      }
    },
    get liveTextures() {
      let n = 0;
      for (const handle of live) if (handle.texture) n++;
      return n;
    },
  };
}
