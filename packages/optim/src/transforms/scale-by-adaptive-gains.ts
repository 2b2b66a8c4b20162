import { type GradientTransformation, type Params, ValueError, add, clip, greater, less, mapTree, mul, onesLike, where, zerosLike } from '@nn/tensor';
import { checkNumber, checkState } from './check';

export interface ScaleByAdaptiveGainsOptions {
  /** δ: a gain grows by δ while its signs agree and is multiplied by 1 − δ when they disagree, 0 < δ < 1. Default 0.05. */
  readonly delta?: number;
  /** [min, max], the range the gains are clipped to, 0 < min ≤ 1 ≤ max. Default [0.1, 10]. */
  readonly gainRange?: readonly [number, number];
  /** μ (0 ≤ μ < 1): with μ > 0, keep a velocity v ← μ·v + gain·g, emit it, and compare g's sign with v's. Default 0. */
  readonly momentum?: number;
}

/**
 * A gain per weight (1 at first), u = gain·g (or the velocity with momentum).
 * Each gain, before it is used: gain += δ if g·h > 0, gain ×= (1 − δ) if g·h < 0, clipped to the range,
 * where h is the previous gradient (or, with momentum, the velocity).
 */
export interface ScaleByAdaptiveGainsState {
  readonly gains: Params;
  readonly previous: Params;
}

/**
 * Adaptive per-weight gains: gain ← gain + δ while a weight's gradient keeps its sign, gain ← gain·(1 − δ)
 * when it flips, clipped to [0.1, 10]; u = gain·g. Additive growth and multiplicative decay let a gain
 * collapse fast when it makes a weight oscillate. With `momentum` the agreement is between g and the
 * velocity v, and u = v ← μ·v + gain·g (Jacobs' advice). Chain `scaleByLearningRate(η)` after it.
 * NOTE: where either sign is 0 (the first step, or a zero gradient) the gain stays as it is; a literal
 * reading of the course's `if g·h > 0 … else …` would shrink every gain on the first step.
 * @see Jacobs (1988), "Increased rates of convergence through learning rate adaptation".
 * @see Hinton, Srivastava, Swersky (2012), Neural Networks for Machine Learning, lecture 6d.
 */
export function scaleByAdaptiveGains({ delta = 0.05, gainRange = [0.1, 10], momentum = 0 }: ScaleByAdaptiveGainsOptions = {}): GradientTransformation<ScaleByAdaptiveGainsState> {
  const op = 'scaleByAdaptiveGains';
  checkNumber(op, 'delta', delta, { min: 0, max: 1, minOpen: true, maxOpen: true });
  if (!Array.isArray(gainRange) || gainRange.length !== 2) throw new ValueError(op, `gainRange must be a pair [min, max], got ${String(gainRange)}`);
  const [lo, hi] = gainRange;
  checkNumber(op, 'the smallest gain (gainRange[0])', lo, { min: 0, max: 1, minOpen: true });
  checkNumber(op, 'the largest gain (gainRange[1])', hi, { min: 1 });
  checkNumber(op, 'momentum', momentum, { min: 0, max: 1, maxOpen: true });
  return {
    retainsOnlyState: true,
    init: (params) => ({ gains: mapTree(onesLike, params), previous: mapTree(zerosLike, params) }),
    update(grads, state) {
      checkState(op, state, ['gains', 'previous']);
      const gains = mapTree(
        (g, h, gain) => {
          const agreement = mul(g, h);
          return clip(where(greater(agreement, 0), add(gain, delta), where(less(agreement, 0), mul(gain, 1 - delta), gain)), lo, hi);
        },
        grads,
        state.previous,
        state.gains,
      );
      const scaled = mapTree((g, gain) => mul(g, gain), grads, gains);
      if (momentum === 0) return [scaled, { gains, previous: grads }];
      const velocity = mapTree((s, v) => add(mul(v, momentum), s), scaled, state.previous);
      return [velocity, { gains, previous: velocity }];
    },
  };
}
