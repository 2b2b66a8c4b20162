import type { GradientTransformation } from '@nn/tensor';
import { checkInteger, checkRange, dot, fromFlat, requireParams, scaled, toFlat } from './flat';

export interface ScaleByLbfgsOptions {
  /** m, the number of curvature pairs (s, y) kept. Default 10. */
  readonly memory?: number;
  /** The step length t along the direction (the first step is min(1, 1/‖g‖₁)·t). Default 1. */
  readonly learningRate?: number;
  /** Emit zeros while max|gᵢ| ≤ this (PyTorch's tolerance_grad). Default 1e-7. */
  readonly toleranceGrad?: number;
  /** Emit zeros when the direction's slope g·d > −this (PyTorch's tolerance_change). Default 1e-9. */
  readonly toleranceChange?: number;
}

/** The curvature pairs, oldest first, and where the last update started from. */
export interface ScaleByLbfgsState {
  /** Updates made (PyTorch's n_iter). */
  readonly count: number;
  /** sᵢ = x_{i+1} − xᵢ. */
  readonly s: readonly number[][];
  /** yᵢ = g_{i+1} − gᵢ. */
  readonly y: readonly number[][];
  /** γ = sᵀy / yᵀy of the newest pair: the initial inverse Hessian γ·I. */
  readonly hDiag: number;
  /** The params and gradient at the previous update (null before the first). */
  readonly previous: { readonly x: number[]; readonly grad: number[] } | null;
}

/**
 * L-BFGS direction d = −H·g by the two-loop recursion over the last m pairs (s, y), H₀ = (sᵀy/yᵀy)·I,
 * emitted as t·d with t = min(1, 1/‖g‖₁)·lr on the first update and lr after: PyTorch's
 * `torch.optim.LBFGS` with max_iter = 1, step for step. A pair enters the memory only when sᵀy > 1e-10.
 * `grads` must be the loss gradient (put this first in a chain); s is the change in params since the
 * previous update, so a line search chained after it sets the step.
 * @see Nocedal (1980), "Updating quasi-Newton matrices with limited storage".
 * @see Liu, Nocedal (1989), "On the limited memory BFGS method for large scale optimization".
 */
export function scaleByLbfgs({ memory = 10, learningRate = 1, toleranceGrad = 1e-7, toleranceChange = 1e-9 }: ScaleByLbfgsOptions = {}): GradientTransformation<ScaleByLbfgsState> {
  const op = 'scaleByLbfgs';
  checkInteger(op, 'memory', memory, 1);
  checkRange(op, 'learningRate', learningRate, 0, Infinity);
  checkRange(op, 'toleranceGrad', toleranceGrad, 0, Infinity, true);
  checkRange(op, 'toleranceChange', toleranceChange, 0, Infinity, true);
  return {
    init: () => ({ count: 0, s: [], y: [], hDiag: 1, previous: null }),
    update(grads, state, params) {
      const x = toFlat(requireParams(op, params));
      const g = toFlat(grads);
      if (g.every((v) => Math.abs(v) <= toleranceGrad)) return [fromFlat(scaled(g, 0), grads), state];
      let { s, y, hDiag } = state;
      let d: number[];
      if (state.previous === null) {
        d = scaled(g, -1);
      } else {
        // (1) update the memory with the newest pair, when it has positive curvature
        const si = x.map((v, i) => v - state.previous!.x[i]);
        const yi = g.map((v, i) => v - state.previous!.grad[i]);
        const ys = dot(yi, si);
        if (ys > 1e-10) {
          s = [...s, si].slice(-memory);
          y = [...y, yi].slice(-memory);
          hDiag = ys / dot(yi, yi);
        }
        // (2) first loop, newest to oldest: q ← q − αᵢ·yᵢ with αᵢ = ρᵢ·sᵢᵀq
        const rho = s.map((si, i) => 1 / dot(y[i], si));
        const q = scaled(g, -1);
        const alpha: number[] = [];
        for (let i = s.length - 1; i >= 0; i--) {
          alpha[i] = dot(s[i], q) * rho[i];
          for (let k = 0; k < q.length; k++) q[k] -= alpha[i] * y[i][k];
        }
        // (3) r = H₀·q, then the second loop, oldest to newest: r ← r + (αᵢ − βᵢ)·sᵢ with βᵢ = ρᵢ·yᵢᵀr
        d = scaled(q, hDiag);
        for (let i = 0; i < s.length; i++) {
          const beta = dot(y[i], d) * rho[i];
          for (let k = 0; k < d.length; k++) d[k] += (alpha[i] - beta) * s[i][k];
        }
      }
      // (4) the step length, and no step along a direction that does not descend
      const t = state.count === 0 ? Math.min(1, 1 / g.reduce((a, v) => a + Math.abs(v), 0)) * learningRate : learningRate;
      const next: ScaleByLbfgsState = { count: state.count + 1, s, y, hDiag, previous: { x, grad: g } };
      if (dot(g, d) > -toleranceChange) return [fromFlat(scaled(d, 0), grads), next];
      return [fromFlat(scaled(d, t), grads), next];
    },
  };
}
