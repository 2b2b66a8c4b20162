import { abs, mul, sign, sum } from '@nn/tensor';
import { type Penalty, type PenaltyOptions, assertCoefficient, createPenalty } from './penalty';

/**
 * Ω(θ) = λ·Σ |w|, over the selected weights (not biases by default); ∂Ω/∂w = λ·sign(w), taken as 0
 * at w = 0. A constant pull towards zero whatever the weight's size, so small weights reach zero
 * (or hover around it under gradient descent) while large ones are shrunk only a little: sparse
 * weights, unlike {@link l2}.
 * @see R. Tibshirani, "Regression shrinkage and selection via the lasso", J. R. Statist. Soc. B 58(1), 1996
 */
export function l1(lambda: number, { select }: PenaltyOptions = {}): Penalty {
  assertCoefficient('l1', 'lambda', lambda);
  return createPenalty('l1', { lambda }, select, (w) => mul(sum(abs(w)), lambda), (w) => mul(sign(w), lambda));
}
