import type { Tensor } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/** f(x) = x, f′ = 1: the linear neuron (Widrow & Hoff's ADALINE, a network's regression output). */
export function linear(x: Tensor): Tensor {
  assertFloatTensor('linear', x);
  return x;
}

/**
 * The linear neuron as an activation: see {@link linear}.
 * @see B. Widrow, M. E. Hoff, "Adaptive switching circuits", IRE WESCON Convention Record, 1960
 */
export function linearActivation(): Activation {
  return { name: 'linear', config: {}, apply: linear };
}
