import { type Tensor, ValueError, add, mul, tanh } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

export interface TwistedTanhOptions {
  /** Slope of the added linear term. Default 0.01. */
  readonly a?: number;
}

/**
 * f(x) = tanh(x) + a·x, f′ = 1 − tanh²(x) + a (a defaults to 0.01): a tanh "twisted" by a small
 * linear term, so the derivative never falls below a and saturated units do not sit on flat spots.
 * @see Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in Neural Networks: Tricks of the Trade, 1998, §4.4
 */
export function twistedTanh(x: Tensor, a = 0.01): Tensor {
  assertFloatTensor('twistedTanh', x);
  return add(tanh(x), mul(x, a));
}

/** The twisted tanh as an activation: see {@link twistedTanh}. */
export function twistedTanhActivation({ a = 0.01 }: TwistedTanhOptions = {}): Activation {
  if (!Number.isFinite(a)) throw new ValueError('twistedTanh', `a must be a finite number, got ${a}`);
  return { name: 'twistedTanh', config: { a }, apply: (x) => twistedTanh(x, a) };
}
