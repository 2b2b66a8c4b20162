import { type Json, type Params, type Tensor, ValueError, add, mapTree, mul, scalar, treeLeaves, zerosLike } from '@nn/tensor';
import { type LeafSelection, assertSelect, mapSelected, notBias } from './select-leaves';

/**
 * A weight penalty Ω(θ): called on a Params tree it returns the scalar term to add to the loss (so
 * `valueAndGrad(() => loss + Ω(params), params)` differentiates it), and `gradient` gives ∂Ω/∂θ in
 * closed form for {@link addPenaltyGradient}. Only the leaves chosen by `select` count (by default
 * every leaf but the biases).
 */
export interface Penalty {
  (params: Params): Tensor;
  /** The penalty's name ('l2', 'l1', 'elasticNet', 'weightElimination'). */
  readonly kind: string;
  /** Its coefficients, as JSON. */
  readonly config: { readonly [key: string]: Json };
  /** ∂Ω/∂θ, a tree shaped like `params`: zeros on the leaves that are not selected. */
  gradient<P extends Params>(params: P): P;
}

/** What every penalty accepts besides its coefficients. */
export interface PenaltyOptions {
  /**
   * The leaves penalized: a predicate `(leaf, path) → boolean` or a tree of booleans shaped like the
   * params. Default: every leaf except biases (rank-1 leaves named `b` or `bias`, see `isBias`).
   */
  readonly select?: LeafSelection;
}

/** Throws a ValueError unless `value` is a finite number ≥ 0. @internal */
export function assertCoefficient(op: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(op, `${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
}

/**
 * Builds a penalty Ω(θ) = Σ over selected leaves of Σ φ(w), with φ given per leaf as `term` (a
 * differentiable Tensor expression) and its derivative `derivative` (elementwise φ'(w)). @internal
 */
export function createPenalty(
  kind: string,
  config: { readonly [key: string]: Json },
  select: LeafSelection | undefined,
  term: (w: Tensor) => Tensor,
  derivative: (w: Tensor) => Tensor,
): Penalty {
  const chosen = select ?? notBias;
  assertSelect(kind, chosen);
  const penalty = (params: Params): Tensor => {
    let total: Tensor | undefined;
    mapSelected(kind, chosen, (selected, w) => {
      if (selected) total = total === undefined ? term(w) : add(total, term(w));
      return w;
    }, params);
    return total ?? scalar(0, treeLeaves(params)[0]?.dtype ?? 'float32');
  };
  return Object.assign(penalty, {
    kind,
    config,
    gradient: <P extends Params>(params: P): P => mapSelected(kind, chosen, (selected, w) => (selected ? derivative(w) : zerosLike(w)), params),
  });
}

/** λ·g for every leaf of a tree. @internal */
export function scaleTree<P extends Params>(tree: P, factor: number): P {
  return mapTree((g) => mul(g, factor), tree);
}
