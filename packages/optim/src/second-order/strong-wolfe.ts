import { dot } from './flat';

/** φ(t) = f(x + t·d) and ∇f there. */
export type LineEvaluator = (t: number) => { readonly loss: number; readonly grad: number[] };

export interface StrongWolfeOptions {
  /** Sufficient decrease: φ(t) ≤ φ(0) + c1·t·φ'(0). */
  readonly c1: number;
  /** Curvature: |φ'(t)| ≤ c2·|φ'(0)|. */
  readonly c2: number;
  /** Give up when the bracket is shorter than this (times max|dᵢ|). */
  readonly tolerance: number;
  /** Most evaluations of φ. */
  readonly maxSteps: number;
}

export interface StrongWolfeResult {
  readonly t: number;
  readonly loss: number;
  readonly grad: number[];
  readonly evaluations: number;
}

/**
 * The minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1, g2, clamped to `bounds`
 * (default the interval between the points); the middle of the bounds when the cubic has no minimum
 * (or a value is not finite).
 * Nocedal & Wright eq. (3.59).
 */
export function cubicMinimizer(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: readonly [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (!(d2Square >= 0)) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2Square);
  const t = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  // NOTE: a non-finite loss at a trial point (overflow far out) makes t NaN; bisect instead.
  return Number.isNaN(t) ? (lo + hi) / 2 : Math.min(Math.max(t, lo), hi);
}

/**
 * A step t along the descent direction d that satisfies the strong Wolfe conditions, found by
 * bracketing (Nocedal & Wright Alg. 3.5) then zooming (Alg. 3.6) with cubic interpolation; the same
 * sequence of trial steps as torch.optim.LBFGS's `_strong_wolfe` (a port of Lua torch's lswolfe).
 * `f`, `g`, `gtd` are φ(0), ∇f(x) and φ'(0) = ∇f(x)·d < 0; `t` is the first trial step.
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., §3.5.
 */
export function strongWolfe(phi: LineEvaluator, d: readonly number[], f: number, g: number[], gtd: number, t: number, options: StrongWolfeOptions): StrongWolfeResult {
  const { c1, c2, tolerance, maxSteps } = options;
  const dNorm = d.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  // (1) first trial step
  let { loss: fNew, grad: gNew } = phi(t);
  let evaluations = 1;
  let gtdNew = dot(gNew, d);

  // (2) bracketing (Alg. 3.5): grow t until the interval [tPrev, t] must hold a strong-Wolfe point
  let tPrev = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let iteration = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: number[][] = [];
  let bracketGtd: number[] = [];
  while (iteration < maxSteps) {
    // NOTE: !(≤) rather than >, here and in the zoom, so that a non-finite loss counts as too long a step.
    if (!(fNew <= f + c1 * t * gtd) || (iteration > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG, bracketGtd] = [[t], [fNew], [gNew], [gtdNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    // extrapolate: a cubic step, at least 1% past t and at most 10·t
    const next = cubicMinimizer(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [t + 0.01 * (t - tPrev), t * 10]);
    [tPrev, fPrev, gPrev, gtdPrev] = [t, fNew, gNew, gtdNew];
    t = next;
    ({ loss: fNew, grad: gNew } = phi(t));
    evaluations++;
    gtdNew = dot(gNew, d);
    iteration++;
  }
  if (iteration === maxSteps) {
    [bracket, bracketF, bracketG, bracketGtd] = [[0, t], [f, fNew], [g, gNew], [gtd, gtdNew]];
  }

  // (3) zoom (Alg. 3.6): shrink the bracket by cubic steps kept 10% away from its ends
  let insufficientProgress = false;
  let [low, high] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && iteration < maxSteps) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < tolerance) break;
    t = cubicMinimizer(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const top = Math.max(bracket[0], bracket[1]);
    const bottom = Math.min(bracket[0], bracket[1]);
    const eps = 0.1 * (top - bottom);
    if (Math.min(top - t, t - bottom) < eps) {
      if (insufficientProgress || t >= top || t <= bottom) {
        t = Math.abs(t - top) < Math.abs(t - bottom) ? top - eps : bottom + eps;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    ({ loss: fNew, grad: gNew } = phi(t));
    evaluations++;
    gtdNew = dot(gNew, d);
    iteration++;
    if (!(fNew <= f + c1 * t * gtd) || fNew >= bracketF[low]) {
      // not a sufficient decrease, or no better than the low end: t becomes the high end
      [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [t, fNew, gNew, gtdNew];
      [low, high] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        done = true;
      } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
        // the old high end becomes the new low end
        [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]];
      }
      [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]] = [t, fNew, gNew, gtdNew];
    }
  }
  return { t: bracket[low], loss: bracketF[low], grad: bracketG[low], evaluations };
}
