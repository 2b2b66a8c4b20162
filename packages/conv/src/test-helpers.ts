import { type Rng, type Tensor, mul, randn, sum, tensor } from '@nn/tensor';

/** Σ wᵢ·yᵢ with fixed, non-uniform weights (wᵢ = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
export function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

/** Standard normal float64 values of `shape`. */
export const randn64 = (shape: number[], rng: Rng): Tensor => randn(shape, { rng, dtype: 'float64' });
