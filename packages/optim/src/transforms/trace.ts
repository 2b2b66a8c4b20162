import { type GradientTransformation, type Params, ValueError, add, mapTree, mul, zerosLike } from '@nn/tensor';

export interface TraceOptions {
  /** μ, the momentum coefficient (≥ 0; 0.9 is the usual choice). */
  readonly decay: number;
  /** Emit the look-ahead g + μ·v instead of v (Nesterov momentum as PyTorch computes it). */
  readonly nesterov?: boolean;
}

/** The velocity v, shaped like the params (zeros at first). */
export interface TraceState {
  readonly velocity: Params;
}

/**
 * Momentum: v ← μ·v + g; emits v, or g + μ·v with `nesterov`. This is PyTorch's SGD momentum buffer
 * with dampening 0 (so the first update is g itself) and its Nesterov variant; chained before
 * `scaleByLearningRate(η)` it gives θ ← θ − η·v.
 * @see Polyak (1964), "Some methods of speeding up the convergence of iteration methods".
 * @see Sutskever, Martens, Dahl, Hinton (2013), "On the importance of initialization and momentum in deep learning".
 */
export function trace({ decay, nesterov = false }: TraceOptions): GradientTransformation<TraceState> {
  if (typeof decay !== 'number' || !Number.isFinite(decay) || decay < 0) {
    throw new ValueError('trace', `decay (the momentum μ) must be a finite number ≥ 0, got ${String(decay)}`);
  }
  return {
    init: (params) => ({ velocity: mapTree(zerosLike, params) }),
    update(grads, { velocity }) {
      const v = mapTree((g, vi) => add(mul(vi, decay), g), grads, velocity);
      const updates = nesterov ? mapTree((g, vi) => add(g, mul(vi, decay)), grads, v) : v;
      return [updates, { velocity: v }];
    },
  };
}
