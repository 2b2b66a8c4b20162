import { mul, square, sum } from '@nn/tensor';
import { type Penalty, type PenaltyOptions, assertCoefficient, createPenalty } from './penalty';

/**
 * Ω(θ) = ½λ·Σ w², over the selected weights (not biases by default); ∂Ω/∂w = λ·w, so plain gradient
 * descent shrinks every weight by the factor (1 − ηλ) each step: weight decay.
 *
 * As a loss term (or through {@link addPenaltyGradient}) the decay term passes through the optimizer,
 * so an adaptive method (Adam, RMSprop) divides it by its running scale like any gradient and weights
 * with large gradients are hardly decayed; {@link decoupledWeightDecay} adds λ·θ after that scaling
 * instead. Both are the same for plain SGD.
 * @see A. Krogh, J. A. Hertz, "A simple weight decay can improve generalization", NIPS 4, 1992
 * @see I. Loshchilov, F. Hutter, "Decoupled weight decay regularization", ICLR 2019
 */
export function l2(lambda: number, { select }: PenaltyOptions = {}): Penalty {
  assertCoefficient('l2', 'lambda', lambda);
  return createPenalty('l2', { lambda }, select, (w) => mul(sum(square(w)), lambda / 2), (w) => mul(w, lambda));
}
