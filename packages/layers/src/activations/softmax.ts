import { softmax } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/**
 * yᵢ = eˣⁱ / Σⱼ eˣʲ over the last axis (one distribution per row of a batch), ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ):
 * the output group of a classifier; its function form is @nn/tensor's `softmax` (stable at any
 * magnitude). Pair it with cross-entropy — or use the losses that take logits directly.
 * @see J. S. Bridle, "Probabilistic interpretation of feedforward classification network outputs", 1990
 */
export function softmaxActivation(): Activation {
  return {
    name: 'softmax',
    config: {},
    apply: (x) => {
      assertFloatTensor('softmax', x);
      return softmax(x, -1);
    },
  };
}
