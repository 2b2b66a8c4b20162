import { type GradientTransformation, NnError, type Tensor, ValueError, add, sqrt, square, sub, sum } from '@nn/tensor';
import { type LeafSelection, assertSelect, mapSelected } from './select-leaves';

/** What every constraint accepts. */
export interface ConstraintOptions {
  /** The leaves constrained: a predicate `(leaf, path) → boolean` or a tree of booleans. Default: every leaf but biases. */
  readonly select?: LeafSelection;
}

/** No state (serializes as `{}`). */
export type ConstraintState = { readonly [key: string]: never };

/**
 * A chain member that projects the parameters after the step: it emits u' = P(θ + u) − θ, so that
 * `applyUpdates` leaves θ + u' = P(θ + u), the projection of where the step would have gone (up to the
 * rounding of one subtraction and one addition). Chain it last, after the learning rate. @internal
 */
export function createConstraint(op: string, select: LeafSelection, project: (w: Tensor) => Tensor): GradientTransformation<ConstraintState> {
  assertSelect(op, select);
  return {
    init: () => ({}),
    update(updates, state, params) {
      if (params === undefined) throw new NnError(op, 'needs the params to project them; pass them to update(updates, state, params) and chain it last');
      return [mapSelected(op, select, (selected, u, w) => (selected ? sub(project(add(w, u)), w) : u), updates, params), state];
    },
  };
}

/**
 * The axes that hold one unit's incoming weights, by the layouts of @nn's layers: axis 0 of a rank-1
 * or rank-2 leaf (dense W is [in, out], so a column is one unit's fan-in), every axis but the first of
 * a rank ≥ 3 leaf (conv2d W is [out, in, kh, kw]), all of a scalar. @internal
 */
export function incomingAxes(op: string, w: Tensor, axis: number | readonly number[] | undefined): number | readonly number[] | undefined {
  if (axis !== undefined) {
    const axes = typeof axis === 'number' ? [axis] : axis;
    for (const a of axes) {
      if (!Number.isInteger(a) || a < -w.rank || a >= w.rank) throw new ValueError(op, `axis ${String(a)} is out of range for a leaf of shape [${w.shape.join(',')}]`);
    }
    return axis;
  }
  if (w.rank === 0) return undefined;
  if (w.rank <= 2) return 0;
  return Array.from({ length: w.rank - 1 }, (_, i) => i + 1);
}

/** Throws a ValueError unless `axis` is undefined, an integer or a list of integers. @internal */
export function assertAxisOption(op: string, axis: unknown): void {
  if (axis === undefined) return;
  const axes = Array.isArray(axis) ? axis : [axis];
  if (axes.length === 0 || axes.some((a) => !Number.isInteger(a))) throw new ValueError(op, `axis must be an integer or a non-empty list of integers, got ${JSON.stringify(axis)}`);
}

/** ‖w‖₂ over `axes`, kept as size-1 axes so it broadcasts against w. @internal */
export function norms(w: Tensor, axes: number | readonly number[] | undefined): Tensor {
  return sqrt(sum(square(w), axes, true));
}
