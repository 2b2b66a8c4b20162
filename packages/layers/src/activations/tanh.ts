import { type Tensor, tanh } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/**
 * tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) = 2σ(2x) − 1, tanh′ = 1 − tanh²: the symmetric sigmoid; its
 * function form is @nn/tensor's `tanh`.
 * @see Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.4 (why symmetric sigmoids converge faster)
 */
export function tanhActivation(): Activation {
  return {
    name: 'tanh',
    config: {},
    apply: (x) => {
      assertFloatTensor('tanh', x);
      return tanh(x);
    },
  };
}
