import { softplus } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/**
 * ln(1 + eˣ), derivative σ(x): a smooth ReLU; its function form is @nn/tensor's `softplus`
 * (exact for large |x|).
 * @see C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia, "Incorporating second-order functional knowledge for better option pricing", NIPS 2000
 */
export function softplusActivation(): Activation {
  return {
    name: 'softplus',
    config: {},
    apply: (x) => {
      assertFloatTensor('softplus', x);
      return softplus(x);
    },
  };
}
