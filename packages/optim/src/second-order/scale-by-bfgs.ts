import type { GradientTransformation } from '@nn/tensor';
import { dot, fromFlat, requireParams, scaled, toFlat } from './flat';

/** The dense inverse-Hessian estimate and where the last update started from. */
export interface ScaleByBfgsState {
  /** H, n×n row-major (null until the first curvature pair). */
  readonly inverseHessian: number[] | null;
  readonly previous: { readonly x: number[]; readonly grad: number[] } | null;
}

/**
 * BFGS direction d = −H·g with the dense inverse-Hessian update
 * H ← (I − ρ·s·yᵀ)·H·(I − ρ·y·sᵀ) + ρ·s·sᵀ, ρ = 1/yᵀs, for s = x − x₋ and y = g − g₋, skipped when
 * yᵀs ≤ 1e-10. The first step is −min(1, 1/‖g‖₁)·g, and H₀ = (yᵀs/yᵀy)·I just before the first update
 * (Nocedal & Wright eq. 6.20). O(n²) memory: for small models (use lbfgs otherwise). `grads` must be
 * the loss gradient (put this first in a chain, a line search after it).
 * @see Nocedal, Wright (2006), "Numerical Optimization", 2nd ed., Algorithm 6.1.
 */
export function scaleByBfgs(): GradientTransformation<ScaleByBfgsState> {
  const op = 'scaleByBfgs';
  return {
    init: () => ({ inverseHessian: null, previous: null }),
    update(grads, state, params) {
      const x = toFlat(requireParams(op, params));
      const g = toFlat(grads);
      const n = g.length;
      let h = state.inverseHessian;
      const prev = state.previous;
      if (prev === null) {
        const t = Math.min(1, 1 / g.reduce((a, v) => a + Math.abs(v), 0));
        return [fromFlat(scaled(g, -t), grads), { inverseHessian: null, previous: { x, grad: g } }];
      }
      const s = x.map((v, i) => v - prev.x[i]);
      const y = g.map((v, i) => v - prev.grad[i]);
      const ys = dot(y, s);
      if (ys > 1e-10) {
        // (1) H₀ = γ·I with γ = yᵀs/yᵀy, before the first update
        const base = h ?? identity(n, ys / dot(y, y));
        // (2) H ← H − ρ(s·(Hy)ᵀ + (Hy)·sᵀ) + (ρ²·yᵀHy + ρ)·s·sᵀ, the product expanded (H symmetric)
        const rho = 1 / ys;
        const hy = matVec(base, y);
        const c = rho * rho * dot(y, hy) + rho;
        h = base.map((v, k) => {
          const i = Math.floor(k / n);
          const j = k % n;
          return v - rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j];
        });
      }
      // (3) d = −H·g
      const d = h === null ? scaled(g, -1) : scaled(matVec(h, g), -1);
      return [fromFlat(d, grads), { inverseHessian: h, previous: { x, grad: g } }];
    },
  };
}

function identity(n: number, scale: number): number[] {
  const out = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) out[i * n + i] = scale;
  return out;
}

function matVec(m: readonly number[], v: readonly number[]): number[] {
  const n = v.length;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += m[i * n + j] * v[j];
    out[i] = acc;
  }
  return out;
}
