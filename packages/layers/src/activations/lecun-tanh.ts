import { type Tensor, mul, tanh } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/** 1.7159·tanh(2x/3): f(±1) = ±1 and the second derivative peaks at ±1, so ±1 targets are reachable. */
const GAIN = 1.7159;

/**
 * f(x) = 1.7159·tanh(2x/3), f′(x) = 1.7159·(2/3)·(1 − tanh²(2x/3)): LeCun's scaled tanh, chosen so
 * that f(±1) = ±1, the effective gain near 0 is about 1, and the output variance stays near 1 for
 * normalized inputs.
 * @see Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in Neural Networks: Tricks of the Trade, 1998, §4.4
 */
export function lecunTanh(x: Tensor): Tensor {
  assertFloatTensor('lecunTanh', x);
  return mul(tanh(mul(x, 2 / 3)), GAIN);
}

/** LeCun's scaled tanh as an activation: see {@link lecunTanh}. */
export function lecunTanhActivation(): Activation {
  return { name: 'lecunTanh', config: {}, apply: lecunTanh };
}
