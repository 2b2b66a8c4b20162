import { ValueError, add, div, mul, square, sum } from '@nn/tensor';
import { type Penalty, type PenaltyOptions, assertCoefficient, createPenalty } from './penalty';

export interface WeightEliminationOptions extends PenaltyOptions {
  /** w₀, the weight size at which the penalty is half its maximum. Default 1. */
  readonly scale?: number;
}

/**
 * Ω(θ) = λ·Σ (w/w₀)² / (1 + (w/w₀)²), over the selected weights (not biases by default);
 * ∂Ω/∂w = λ·(2w/w₀²) / (1 + (w/w₀)²)². Like {@link l2} for |w| ≪ w₀, but each weight costs at most λ,
 * so a few large weights are kept while many small ones are driven to zero: it counts weights
 * rather than summing their squares.
 * @see A. S. Weigend, D. E. Rumelhart, B. A. Huberman, "Generalization by weight-elimination with application to forecasting", NIPS 3, 1991
 */
export function weightElimination(lambda: number, { scale = 1, select }: WeightEliminationOptions = {}): Penalty {
  const op = 'weightElimination';
  assertCoefficient(op, 'lambda', lambda);
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw new ValueError(op, `scale (w₀) must be a finite number > 0, got ${String(scale)}`);
  }
  const s2 = scale * scale;
  return createPenalty(
    op,
    { lambda, scale },
    select,
    (w) => {
      const r = div(square(w), s2); // (w/w₀)²
      return mul(sum(div(r, add(r, 1))), lambda);
    },
    (w) => {
      const q = add(div(square(w), s2), 1); // 1 + (w/w₀)²
      return div(mul(w, (2 * lambda) / s2), square(q));
    },
  );
}
