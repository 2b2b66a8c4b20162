import { type GradientTransformation, div, greater, mul, where } from '@nn/tensor';
import { type ConstraintOptions, type ConstraintState, assertAxisOption, createConstraint, incomingAxes, norms } from './constraint';
import { notBias } from './select-leaves';

export interface UnitNormOptions extends ConstraintOptions {
  /** The axes of one unit's incoming weight vector; the same default as {@link maxNorm}'s. */
  readonly axis?: number | readonly number[];
}

/**
 * w ← w / ‖w‖₂ for each unit's incoming weight vector, after every update (an all-zero vector stays
 * zero). Chain it last. Biases are not constrained by default.
 */
export function unitNorm({ axis, select = notBias }: UnitNormOptions = {}): GradientTransformation<ConstraintState> {
  const op = 'unitNorm';
  assertAxisOption(op, axis);
  return createConstraint(op, select, (w) => {
    const n = norms(w, incomingAxes(op, w, axis));
    return mul(w, where(greater(n, 0), div(1, n), 1));
  });
}
