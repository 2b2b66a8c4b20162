import { type Schedule, ValueError } from '@nn/tensor';
import { checkNumber } from './check';

export interface PiecewiseConstantOptions {
  /** The value before the first boundary. */
  readonly init: number;
  /** Increasing steps (integers ≥ 0) at which the value is multiplied by the matching scale. */
  readonly boundaries: readonly number[];
  /** One factor per boundary (finite). */
  readonly scales: readonly number[];
}

/**
 * η_t = init·Π_{i: t ≥ boundaries[i]} scales[i]: constant between boundaries, multiplied by a factor at
 * each (optax's `piecewise_constant_schedule`; PyTorch's MultiStepLR when every scale is γ). As a
 * momentum schedule: `{ init: 0.5, boundaries: [500], scales: [1.8] }` raises μ from 0.5 to 0.9.
 */
export function piecewiseConstant({ init, boundaries, scales }: PiecewiseConstantOptions): Schedule {
  const op = 'piecewiseConstant';
  checkNumber(op, 'init', init);
  if (boundaries.length !== scales.length) {
    throw new ValueError(op, `expected one scale per boundary, got ${boundaries.length} boundaries and ${scales.length} scales`);
  }
  boundaries.forEach((b, i) => {
    checkNumber(op, `boundaries[${i}]`, b, { integer: true });
    if (b < 0 || (i > 0 && b <= boundaries[i - 1])) throw new ValueError(op, `boundaries must be increasing integers ≥ 0, got [${boundaries.join(', ')}]`);
  });
  scales.forEach((s, i) => checkNumber(op, `scales[${i}]`, s));
  return (step) => boundaries.reduce((value, b, i) => (step >= b ? value * scales[i] : value), init);
}
