import { type Tensor, ValueError, greater, mul, where } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

export interface LeakyReluOptions {
  /** Slope for x ≤ 0. Default 0.01. */
  readonly slope?: number;
}

/**
 * f(x) = x for x > 0, slope·x for x ≤ 0 (slope defaults to 0.01); f′ = 1 for x > 0 and slope for
 * x ≤ 0, so slope at the kink (as PyTorch). Units that a ReLU would leave dead still get a gradient.
 * @see A. L. Maas, A. Y. Hannun, A. Y. Ng, "Rectifier nonlinearities improve neural network acoustic models", ICML 2013
 */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  assertFloatTensor('leakyRelu', x);
  // NOTE: not maximum(x, slope·x): that is wrong for slope > 1 and splits ties by argument order.
  return where(greater(x, 0), x, mul(x, slope));
}

/** The leaky ReLU as an activation: see {@link leakyRelu}. */
export function leakyReluActivation({ slope = 0.01 }: LeakyReluOptions = {}): Activation {
  if (!Number.isFinite(slope)) throw new ValueError('leakyRelu', `slope must be a finite number, got ${slope}`);
  return { name: 'leakyRelu', config: { slope }, apply: (x) => leakyRelu(x, slope) };
}
