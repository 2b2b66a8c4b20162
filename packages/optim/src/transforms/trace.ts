import { type GradientTransformation, type Params, type Schedule, ValueError, add, mapTree, mul, zerosLike } from '@nn/tensor';
import { checkState } from './check';

export interface TraceOptions {
  /**
   * μ, the momentum coefficient (≥ 0; 0.9 is the usual choice), or a schedule μ(t) of the update count
   * t = 0, 1, …: the course's advice is to start near 0.5, while the large early gradients settle, and
   * raise it to 0.9 or 0.99 (e.g. `piecewiseConstant`, or `linearSchedule({ init: 0.5, end: 0.9, … })`).
   */
  readonly decay: number | Schedule;
  /** Emit the look-ahead g + μ·v instead of v (Nesterov momentum as PyTorch computes it). */
  readonly nesterov?: boolean;
}

/** The velocity v, shaped like the params (zeros at first), and the update count t that μ(t) is read at. */
export interface TraceState {
  readonly velocity: Params;
  readonly count: number;
}

/**
 * Momentum: v ← μ_t·v + g; emits v, or g + μ_t·v with `nesterov`. This is PyTorch's SGD momentum buffer
 * with dampening 0 (so the first update is g itself) and its Nesterov variant; chained before
 * `scaleByLearningRate(η)` it gives θ ← θ − η·v. With a schedule, μ_t = decay(t).
 * @see Polyak (1964), "Some methods of speeding up the convergence of iteration methods".
 * @see Sutskever, Martens, Dahl, Hinton (2013), "On the importance of initialization and momentum in deep learning".
 */
export function trace({ decay, nesterov = false }: TraceOptions): GradientTransformation<TraceState> {
  const op = 'trace';
  if (typeof decay !== 'function') checkDecay(op, decay, 'decay (the momentum μ)');
  return {
    init: (params) => ({ velocity: mapTree(zerosLike, params), count: 0 }),
    update(grads, state) {
      checkState(op, state, ['velocity', 'count']);
      const mu = momentumAt(op, decay, state.count);
      const v = mapTree((g, vi) => add(mul(vi, mu), g), grads, state.velocity);
      const updates = nesterov ? mapTree((g, vi) => add(g, mul(vi, mu)), grads, v) : v;
      return [updates, { velocity: v, count: state.count + 1 }];
    },
  };
}

/** μ_t: the number, or the schedule's value at `count`, checked to be finite and ≥ 0. */
export function momentumAt(op: string, decay: number | Schedule, count: number): number {
  if (typeof decay !== 'function') {
    checkDecay(op, decay, 'decay (the momentum μ)');
    return decay;
  }
  const mu = decay(count);
  checkDecay(op, mu, `the momentum schedule's value at step ${count}`);
  return mu;
}

function checkDecay(op: string, mu: unknown, what: string): void {
  if (typeof mu !== 'number' || !Number.isFinite(mu) || mu < 0) {
    throw new ValueError(op, `${what} must be a finite number ≥ 0, got ${String(mu)}`);
  }
}
