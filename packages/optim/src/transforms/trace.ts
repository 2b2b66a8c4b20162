import { type GradientTransformation, type Params, type Schedule, type Tensor, ValueError, add, mapTree, mul, zerosLike } from '@nn/tensor';
import { checkState } from './check';
import { fusedLeafUpdate, mapTreeMulti } from './fused-leaf-update';
import { isFixed } from '../schedules/constant-schedule';

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
    retainsOnlyState: true,
    init: (params) => ({ velocity: mapTree(zerosLike, params), count: 0 }),
    update(grads, state) {
      checkState(op, state, ['velocity', 'count']);
      const mu = momentumAt(op, decay, state.count);
      const [updates, velocity] = mapTreeMulti(2, (g, v) => traceLeaf(mu, nesterov, g, v), grads, state.velocity);
      return [updates as typeof grads, { velocity, count: state.count + 1 }];
    },
    sameOpsEveryStep: isFixed(decay),
  };
}

/** One leaf's momentum step in one pass: [u, v] with u = v (or g + μ·v with `nesterov`), equal bit for bit to {@link traceLeafOps}. */
export function traceLeaf(mu: number, nesterov: boolean, g: Tensor, velocity: Tensor): Tensor[] {
  // outputs: [v], or [u, v] with nesterov
  const out = fusedLeafUpdate([g, velocity], nesterov ? 2 : 1, {
    float32(n, [gs, vs], [first, second]) {
      const m = Math.fround(mu);
      const vo = nesterov ? second : first;
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const vi = Math.fround(Math.fround(vs[i] * m) + gi);
        vo[i] = vi;
        if (nesterov) first[i] = gi + Math.fround(vi * m); // the float32 store rounds the sum
      }
    },
    float64(n, [gs, vs], [first, second]) {
      const vo = nesterov ? second : first;
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const vi = vs[i] * mu + gi;
        vo[i] = vi;
        if (nesterov) first[i] = gi + vi * mu;
      }
    },
  }, () => traceLeafOps(mu, nesterov, g, velocity), (fused, n, storage) => fused.traceF32?.(n, storage, mu, nesterov));
  return nesterov ? out : [out[0], out[0]];
}

/**
 * One leaf's momentum step as tensor ops: [u, v]. The reference the fused loop is tested against, and
 * what runs when it cannot (see `fusedLeafUpdate`).
 */
export function traceLeafOps(mu: number, nesterov: boolean, g: Tensor, velocity: Tensor): Tensor[] {
  const v = add(mul(velocity, mu), g);
  return nesterov ? [add(g, mul(v, mu)), v] : [v];
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
