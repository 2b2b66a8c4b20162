import { type GradientTransformation, ValueError } from '@nn/tensor';
import { axpy, checkInteger, checkRange, fromFlat, scaled, toFlat } from './flat';
import { type LineSearchMemo, beginLine } from './line-start';
import { strongWolfe } from './strong-wolfe';

export interface ZoomLinesearchOptions {
  /** Sufficient-decrease constant c1 of f(x + t·d) ≤ f(x) + c1·t·∇f·d. Default 1e-4. */
  readonly c1?: number;
  /** Curvature constant c2 of |∇f(x + t·d)·d| ≤ c2·|∇f(x)·d|, with c1 < c2 < 1. Default 0.9 (0.1 for CG). */
  readonly c2?: number;
  /** Most evaluations of the loss per search. Default 25, as PyTorch. */
  readonly maxSteps?: number;
  /** Stop zooming when the bracket is shorter than this, in units of max|dᵢ|. Default 1e-9, as PyTorch. */
  readonly tolerance?: number;
}

/** The loss and gradient where the last search stopped (null before the first). */
export interface ZoomLinesearchState {
  readonly memo: LineSearchMemo | null;
}

/**
 * Strong-Wolfe line search: emits t·d, where d is the incoming update (a descent direction from the
 * previous member of the chain, its length the first trial step t = 1) and t satisfies
 * f(x + t·d) ≤ f(x) + c1·t·∇f(x)·d and |∇f(x + t·d)·d| ≤ c2·|∇f(x)·d|, found by bracketing and zoom with
 * cubic interpolation (Nocedal & Wright Alg. 3.5 and 3.6, the trial steps of PyTorch's LBFGS).
 * Evaluates `ctx.lossAndGrad` at trial points; emits zeros when d is not a descent direction.
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., Algorithms 3.5 and 3.6.
 */
export function zoomLinesearch({ c1 = 1e-4, c2 = 0.9, maxSteps = 25, tolerance = 1e-9 }: ZoomLinesearchOptions = {}): GradientTransformation<ZoomLinesearchState> {
  const op = 'zoomLinesearch';
  checkRange(op, 'c1', c1, 0, 1);
  checkRange(op, 'c2', c2, 0, 1);
  if (c1 >= c2) throw new ValueError(op, `needs 0 < c1 < c2 < 1, got c1 = ${c1} and c2 = ${c2}`);
  checkInteger(op, 'maxSteps', maxSteps, 1);
  checkRange(op, 'tolerance', tolerance, 0, Infinity, true);
  return {
    init: () => ({ memo: null }),
    update(direction, { memo }, params, ctx) {
      const { lossAndGrad, p, x, d, start, gtd } = beginLine(op, direction, memo, params, ctx);
      if (!(gtd < 0)) return [fromFlat(scaled(d, 0), direction), { memo: null }];
      const phi = (t: number) => {
        const { loss, grads } = lossAndGrad(fromFlat(axpy(x, t, d), p));
        return { loss, grad: toFlat(grads) };
      };
      const found = strongWolfe(phi, d, start.loss, start.grad, gtd, 1, { c1, c2, tolerance, maxSteps });
      const step = scaled(d, found.t);
      const reached = toFlat(fromFlat(axpy(x, 1, step), p));
      return [fromFlat(step, direction), { memo: { x: reached, loss: found.loss, grad: found.grad } }];
    },
  };
}
