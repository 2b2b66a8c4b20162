import { type GradientTransformation, ValueError, div, greater, mul, where } from '@nn/tensor';
import { type ConstraintOptions, type ConstraintState, assertAxisOption, createConstraint, incomingAxes, norms } from './constraint';
import { notBias } from './select-leaves';

export interface MaxNormOptions extends ConstraintOptions {
  /**
   * The axes of one unit's incoming weight vector. Default: 0 for rank-1 and rank-2 leaves (dense W is
   * [in, out]: one column per unit), every axis but the first for rank ≥ 3 (conv2d W is [out, in, kh, kw]).
   */
  readonly axis?: number | readonly number[];
}

/**
 * w ← w · min(1, c/‖w‖₂) for each unit's incoming weight vector w, after every update: a vector longer
 * than c is scaled back onto the ball of radius c, a shorter one is left alone. A chain member that
 * goes last: `chain(trace({ decay: 0.9 }), scaleByLearningRate(0.1), maxNorm(3))`. Biases are not
 * constrained by default. With dropout it allows large learning rates without the weights blowing up
 * (Srivastava et al. use c ≈ 3–4).
 * @see N. Srebro, A. Shraibman, "Rank, trace-norm and max-norm", COLT 2005
 * @see G. E. Hinton, N. Srivastava, A. Krizhevsky, I. Sutskever, R. R. Salakhutdinov, "Improving neural networks by preventing co-adaptation of feature detectors", arXiv:1207.0580, 2012
 */
export function maxNorm(c: number, { axis, select = notBias }: MaxNormOptions = {}): GradientTransformation<ConstraintState> {
  const op = 'maxNorm';
  if (typeof c !== 'number' || !Number.isFinite(c) || c <= 0) throw new ValueError(op, `the maximum norm c must be a finite number > 0, got ${String(c)}`);
  assertAxisOption(op, axis);
  return createConstraint(op, select, (w) => {
    const n = norms(w, incomingAxes(op, w, axis));
    // NOTE: where, not c / max(n, c): that would also be exact, but where leaves short vectors bit for bit.
    return mul(w, where(greater(n, c), div(c, n), 1));
  });
}
