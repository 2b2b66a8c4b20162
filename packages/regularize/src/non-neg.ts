import { type GradientTransformation, maximum } from '@nn/tensor';
import { type ConstraintOptions, type ConstraintState, createConstraint } from './constraint';
import { notBias } from './select-leaves';

/**
 * w ← max(w, 0) elementwise, after every update: the projection onto the non-negative orthant. Chain
 * it last. Biases are not constrained by default.
 */
export function nonNeg({ select = notBias }: ConstraintOptions = {}): GradientTransformation<ConstraintState> {
  return createConstraint('nonNeg', select, (w) => maximum(w, 0));
}
