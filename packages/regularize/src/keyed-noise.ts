import { type Rng, type Tensor, add, addKeyedNormal, drawStreamKey, randn } from '@nn/tensor';

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
