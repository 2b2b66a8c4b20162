import { relu } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/**
 * max(x, 0), with derivative 1 for x > 0 and 0 for x ≤ 0 (0 at the kink, as PyTorch): the
 * rectified linear unit; its function form is @nn/tensor's `relu`.
 * @see V. Nair, G. E. Hinton, "Rectified linear units improve restricted Boltzmann machines", ICML 2010
 * @see X. Glorot, A. Bordes, Y. Bengio, "Deep sparse rectifier neural networks", AISTATS 2011
 */
export function reluActivation(): Activation {
  return {
    name: 'relu',
    config: {},
    apply: (x) => {
      assertFloatTensor('relu', x);
      return relu(x);
    },
  };
}
