import { type Tensor, greaterEqual } from '@nn/tensor';
import { assertFloatTensor } from '../assert-float-tensor';
import type { Activation } from './activation';

/**
 * Binary threshold: H(x) = 1 if x ≥ 0, else 0 — the McCulloch–Pitts unit (and Rosenblatt's
 * perceptron), whose threshold the bias has moved to 0. Convention: a unit exactly at its threshold
 * fires (H(0) = 1). The gradient is 0 everywhere, at the jump included, so backpropagation passes
 * nothing through it: the perceptron learns by its own rule instead.
 * @see W. S. McCulloch, W. Pitts, "A logical calculus of the ideas immanent in nervous activity", Bull. Math. Biophysics 5, 1943
 */
export function step(x: Tensor): Tensor {
  assertFloatTensor('step', x);
  return greaterEqual(x, 0);
}

/** The binary threshold unit as an activation: see {@link step}. */
export function stepActivation(): Activation {
  return { name: 'step', config: {}, apply: step };
}
