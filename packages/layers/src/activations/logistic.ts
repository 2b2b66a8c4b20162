import { type Tensor, sigmoid } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/** σ(x) = 1 / (1 + e⁻ˣ), σ′ = σ(1 − σ): the logistic (sigmoid) neuron; @nn/tensor's `sigmoid`. */
export function logistic(x: Tensor): Tensor {
  assertFloatTensor('logistic', x);
  return sigmoid(x);
}

/**
 * The logistic neuron as an activation: see {@link logistic}.
 * @see D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by back-propagating errors", Nature 323, 1986
 */
export function logisticActivation(): Activation {
  return { name: 'logistic', config: {}, apply: logistic };
}
