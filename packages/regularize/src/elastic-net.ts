import { abs, add, mul, sign, square, sum } from '@nn/tensor';
import { type Penalty, type PenaltyOptions, assertCoefficient, createPenalty } from './penalty';

export interface ElasticNetOptions extends PenaltyOptions {
  /** λ₁, the coefficient of Σ |w|. */
  readonly l1: number;
  /** λ₂, the coefficient of ½Σ w². */
  readonly l2: number;
}

/**
 * Ω(θ) = λ₁·Σ |w| + ½λ₂·Σ w², over the selected weights (not biases by default);
 * ∂Ω/∂w = λ₁·sign(w) + λ₂·w. L1's sparsity with L2's grouping of correlated inputs.
 * @see H. Zou, T. Hastie, "Regularization and variable selection via the elastic net", J. R. Statist. Soc. B 67(2), 2005
 */
export function elasticNet({ l1, l2, select }: ElasticNetOptions): Penalty {
  assertCoefficient('elasticNet', 'l1', l1);
  assertCoefficient('elasticNet', 'l2', l2);
  return createPenalty(
    'elasticNet',
    { l1, l2 },
    select,
    (w) => add(mul(sum(abs(w)), l1), mul(sum(square(w)), l2 / 2)),
    (w) => add(mul(sign(w), l1), mul(w, l2)),
  );
}
