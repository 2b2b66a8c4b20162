import { type FloatDType, type Rng, type Shape, Tensor, add, addKeyedNormal, drawStreamKey, fillKeyedMask, fromTypedArray, getBackend, randn, sizeOf } from '@nn/tensor';

/**
 * Dropout's mask of `shape`: scale where a unit is kept (probability 1 − p), 0 where dropped, from a
 * keyed stream whose key is drawn from `rng` (`fillKeyedMask`). Made in one pass by the backend's fused
 * kernel where it has one (the wasm backend's SIMD generator, straight into its memory), else on the
 * host: the same mask either way, so a run repeats on every backend. @internal
 */
export function keyedMask(shape: Shape, p: number, scale: number, rng: Rng, dtype: FloatDType): Tensor {
  const key = drawStreamKey(rng);
  const n = sizeOf(shape);
  const backend = getBackend();
  if (dtype === 'float32' && n > 0) {
    const storage = backend.fused?.dropoutMaskF32?.(n, key, p, scale);
    if (storage !== undefined) return new Tensor([...shape], dtype, storage, backend);
  }
  return fromTypedArray(fillKeyedMask(dtype === 'float64' ? new Float64Array(n) : new Float32Array(n), key, p, scale), [...shape], dtype);
}

/**
 * x + N(0, std²) noise, differentiable in x (the gradient reaches x unchanged). float32: normals from a
 * keyed stream whose key is drawn from `rng`, added in one pass (`addKeyedNormal`: the backend's fused
 * kernel where it has one, else the host, the same numbers either way). float64: `randn` from `rng`
 * itself (full double precision), then `add`. @internal
 */
export function addKeyedNoise(x: Tensor, std: number, rng: Rng): Tensor {
  if (x.dtype === 'float64') return add(x, randn(x.shape, { rng, dtype: 'float64', std }));
  return addKeyedNormal(x, drawStreamKey(rng), std);
}
