import { type GradientTransformation, ValueError } from '@nn/tensor';
import { checkInteger, dot, fromFlat, requireParams, scaled, toFlat } from './flat';

export type ConjugateGradientMethod = 'fletcher-reeves' | 'polak-ribiere-plus';

export interface ScaleByConjugateGradientOptions {
  /** β formula: Fletcher–Reeves gᵀg/g₋ᵀg₋, or Polak–Ribière+ max(0, gᵀ(g − g₋)/g₋ᵀg₋). Default 'polak-ribiere-plus'. */
  readonly method?: ConjugateGradientMethod;
  /** Restart with d = −g every this many updates. Default: the number of params, n. */
  readonly restart?: number;
}

/** The previous direction and where it was taken from. */
export interface ScaleByConjugateGradientState {
  /** Updates since the last restart (steepest-descent step). */
  readonly sinceRestart: number;
  readonly previous: { readonly x: number[]; readonly grad: number[]; readonly direction: number[] } | null;
}

/**
 * Nonlinear conjugate gradients: d = −g + β·d₋ (β by Fletcher–Reeves or Polak–Ribière+), restarted
 * with d = −g every `restart` updates and whenever d is not a descent direction (gᵀd ≥ 0). Emits α₀·d,
 * the first trial step for a line search chained after it: α₀ = min(1, 1/‖g‖₁) after a restart from
 * nothing, else the previous step's α scaled by g₋ᵀd₋/gᵀd (Nocedal & Wright eq. 3.60). `grads` must
 * be the loss gradient (put this first in a chain).
 * @see Fletcher, Reeves (1964), "Function minimization by conjugate gradients".
 * @see Polak, Ribière (1969); Gilbert, Nocedal (1992), "Global convergence properties of conjugate gradient methods for optimization" (PR+).
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., §5.2.
 */
export function scaleByConjugateGradient({ method = 'polak-ribiere-plus', restart }: ScaleByConjugateGradientOptions = {}): GradientTransformation<ScaleByConjugateGradientState> {
  const op = 'scaleByConjugateGradient';
  if (method !== 'fletcher-reeves' && method !== 'polak-ribiere-plus') {
    throw new ValueError(op, `method must be 'fletcher-reeves' or 'polak-ribiere-plus', got ${String(method)}`);
  }
  if (restart !== undefined) checkInteger(op, 'restart', restart, 1);
  return {
    init: () => ({ sinceRestart: 0, previous: null }),
    update(grads, state, params) {
      const x = toFlat(requireParams(op, params));
      const g = toFlat(grads);
      const firstStep = Math.min(1, 1 / g.reduce((a, v) => a + Math.abs(v), 0));
      const every = restart ?? g.length;
      const prev = state.previous;
      let d = scaled(g, -1);
      let sinceRestart = 0;
      let alpha = firstStep;
      if (prev !== null && state.sinceRestart + 1 < every) {
        // (1) β from the gradients, then the conjugate direction
        const gg = dot(prev.grad, prev.grad);
        const beta = method === 'fletcher-reeves' ? dot(g, g) / gg : Math.max(0, (dot(g, g) - dot(g, prev.grad)) / gg);
        const conjugate = d.map((v, i) => v + beta * prev.direction[i]);
        // (2) keep it only if it descends
        if (dot(g, conjugate) < 0) {
          d = conjugate;
          sinceRestart = state.sinceRestart + 1;
        }
      }
      if (prev !== null) {
        // (3) the first trial step from the last one actually taken: α₋·g₋ᵀd₋ / gᵀd
        const taken = dot(x.map((v, i) => v - prev.x[i]), prev.direction) / dot(prev.direction, prev.direction);
        const guess = (taken * dot(prev.grad, prev.direction)) / dot(g, d);
        if (Number.isFinite(guess) && guess > 0) alpha = guess;
      }
      return [fromFlat(scaled(d, alpha), grads), { sinceRestart, previous: { x, grad: g, direction: d } }];
    },
  };
}
