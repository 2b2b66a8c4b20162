import { type GradientTransformation } from '@nn/tensor';
import { axpy, checkInteger, checkRange, fromFlat, scaled, toFlat } from './flat';
import { type LineSearchMemo, beginLine } from './line-start';

export interface BacktrackingLinesearchOptions {
  /** Sufficient-decrease constant c1 of f(x + t·d) ≤ f(x) + c1·t·∇f·d. Default 1e-4. */
  readonly c1?: number;
  /** The factor t shrinks by after each rejected step, in (0, 1). Default 0.5. */
  readonly shrink?: number;
  /** Most trial steps (t = 1, shrink, shrink², …). Default 30. */
  readonly maxSteps?: number;
}

/** The loss and gradient at the last accepted point (null before the first). */
export interface BacktrackingLinesearchState {
  readonly memo: LineSearchMemo | null;
}

/**
 * Backtracking (Armijo) line search: emits t·d for the first t in 1, ρ, ρ², … with
 * f(x + t·d) ≤ f(x) + c1·t·∇f(x)·d, where d is the incoming update (a descent direction from the
 * previous member of the chain) and ρ = `shrink`. Evaluates `ctx.lossAndGrad` at trial points; emits
 * zeros when d is not a descent direction or no trial step within `maxSteps` decreases f enough.
 * @see Armijo (1966), "Minimization of functions having Lipschitz continuous first partial derivatives".
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., Algorithm 3.1.
 */
export function backtrackingLinesearch({ c1 = 1e-4, shrink = 0.5, maxSteps = 30 }: BacktrackingLinesearchOptions = {}): GradientTransformation<BacktrackingLinesearchState> {
  const op = 'backtrackingLinesearch';
  checkRange(op, 'c1', c1, 0, 1);
  checkRange(op, 'shrink', shrink, 0, 1);
  checkInteger(op, 'maxSteps', maxSteps, 1);
  return {
    init: () => ({ memo: null }),
    update(direction, { memo }, params, ctx) {
      const { lossAndGrad, p, x, d, start, gtd } = beginLine(op, direction, memo, params, ctx);
      if (gtd < 0) {
        let t = 1;
        for (let k = 0; k < maxSteps; k++, t *= shrink) {
          const trial = fromFlat(axpy(x, t, d), p);
          const { loss, grads } = lossAndGrad(trial);
          if (loss <= start.loss + c1 * t * gtd) {
            return [fromFlat(scaled(d, t), direction), { memo: { x: toFlat(trial), loss, grad: toFlat(grads) } }];
          }
        }
      }
      return [fromFlat(scaled(d, 0), direction), { memo: null }];
    },
  };
}
