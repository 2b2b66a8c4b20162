import { type GradientTransformation, type Params, type Schedule, ValueError, mapTree, mul, sub, zerosLike } from '@nn/tensor';
import { checkState } from './check';
import { momentumAt } from './trace';
import { isFixed } from '../schedules/constant-schedule';

export interface SutskeverMomentumOptions {
  /** η, or a schedule η(t) of the update count t = 0, 1, … (finite, ≥ 0). */
  readonly learningRate: number | Schedule;
  /** μ, or a schedule μ(t) (finite, ≥ 0). */
  readonly decay: number | Schedule;
  /** Nesterov's accelerated gradient in Sutskever's form: emit μ·v − η·g with the new v. */
  readonly nesterov?: boolean;
}

/** The velocity v (a step in weight units, zeros at first) and the update count t. */
export interface SutskeverMomentumState {
  readonly velocity: Params;
  readonly count: number;
}

/**
 * Momentum in the convention of Sutskever et al. and the course: v ← μ_t·v − η_t·g, u = v (the
 * velocity is a step, with the rate inside it); with `nesterov`, u = μ_t·v − η_t·g with the new v (the
 * update of the look-ahead point θ + μ·v, which is what is stored). For a constant η this is the same
 * trajectory as PyTorch's v ← μ·v + g, θ ← θ − η·v (`trace` then `scaleByLearningRate`), since the
 * velocities differ by the factor −η. When η changes mid-run they differ: PyTorch's next step applies
 * the new rate to the whole velocity at once, while here the velocity keeps the steps taken at the old
 * rate and the new rate only enters through the new gradients, decaying in at the pace μ sets.
 * @see Sutskever, Martens, Dahl, Hinton (2013), "On the importance of initialization and momentum in deep learning".
 */
export function sutskeverMomentum({ learningRate, decay, nesterov = false }: SutskeverMomentumOptions): GradientTransformation<SutskeverMomentumState> {
  const op = 'sutskeverMomentum';
  const rateAt = (t: number): number => {
    const lr = typeof learningRate === 'function' ? learningRate(t) : learningRate;
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      const what = typeof learningRate === 'function' ? `the learning-rate schedule's value at step ${t}` : 'learningRate';
      throw new ValueError(op, `${what} must be a finite number ≥ 0, got ${String(lr)}`);
    }
    return lr;
  };
  if (typeof learningRate !== 'function') rateAt(0);
  momentumAt(op, decay, 0);
  return {
    retainsOnlyState: true,
    init: (params) => ({ velocity: mapTree(zerosLike, params), count: 0 }),
    update(grads, state) {
      checkState(op, state, ['velocity', 'count']);
      const mu = momentumAt(op, decay, state.count);
      const lr = rateAt(state.count);
      const v = mapTree((g, vi) => sub(mul(vi, mu), mul(g, lr)), grads, state.velocity);
      const updates = nesterov ? mapTree((g, vi) => sub(mul(vi, mu), mul(g, lr)), grads, v) : v;
      return [updates, { velocity: v, count: state.count + 1 }];
    },
    sameOpsEveryStep: isFixed(learningRate) && isFixed(decay),
  };
}
