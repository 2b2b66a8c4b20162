import { type Params, type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, minimize, quadratic, rosenbrock } from '../testing';
import { lbfgs } from './lbfgs';
import { scaleByLbfgs } from './scale-by-lbfgs';

/** Rosenbrock and its gradient in plain numbers: f = (1 − x)² + 100(y − x²)². */
function rosen([x, y]: readonly number[]): { loss: number; grad: number[] } {
  return { loss: (1 - x) ** 2 + 100 * (y - x * x) ** 2, grad: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)] };
}

const dotN = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** lbfgs.py's `_cubic_interpolate`, line by line. */
function torchCubic(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 ** 2 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

/** lbfgs.py's `_strong_wolfe(obj_func, x, t, d, f, g, gtd)` with c1 = 1e-4, c2 = 0.9, tolerance_change = 1e-9, max_ls = 25; returns t. */
function torchStrongWolfe(x: number[], t: number, d: number[], f: number, g: number[], gtd: number): number {
  const [c1, c2, tol, maxLs] = [1e-4, 0.9, 1e-9, 25];
  const obj = (tt: number) => rosen(x.map((v, i) => v + tt * d[i]));
  const dNorm = Math.max(...d.map(Math.abs));
  let { loss: fNew, grad: gNew } = obj(t);
  let gtdNew = dotN(gNew, d);
  let [tPrev, fPrev, gtdPrev] = [0, f, gtd];
  let done = false;
  let lsIter = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketGtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, done] = [[t], [fNew], true];
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gtdPrev, gtdNew]];
      break;
    }
    const tmp = t;
    t = torchCubic(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [t + 0.01 * (t - tPrev), t * 10]);
    [tPrev, fPrev, gtdPrev] = [tmp, fNew, gtdNew];
    ({ loss: fNew, grad: gNew } = obj(t));
    gtdNew = dotN(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLs) [bracket, bracketF] = [[0, t], [f, fNew]];
  let insufProgress = false;
  let [lowPos, highPos] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < tol) break;
    t = torchCubic(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const [bMax, bMin] = [Math.max(...bracket), Math.min(...bracket)];
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      if (insufProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    ({ loss: fNew, grad: gNew } = obj(t));
    gtdNew = dotN(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[lowPos]) {
      [bracket[highPos], bracketF[highPos], bracketGtd[highPos]] = [t, fNew, gtdNew];
      [lowPos, highPos] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0) {
        [bracket[highPos], bracketF[highPos], bracketGtd[highPos]] = [bracket[lowPos], bracketF[lowPos], bracketGtd[lowPos]];
      }
      [bracket[lowPos], bracketF[lowPos], bracketGtd[lowPos]] = [t, fNew, gtdNew];
    }
  }
  return bracket[lowPos];
}

/**
 * torch.optim.LBFGS(lr, history_size = m, max_iter = 1, line_search_fn) stepped `steps` times, in plain
 * numbers: lbfgs.py's `step` with its state (d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad) and its
 * own strong-Wolfe search in t along the unscaled d (ours searches along the scaled t₀·d from 1).
 * Returns the iterates x₀, x₁, …
 */
function torchLbfgs(x0: number[], steps: number, { lr = 1, m = 10, wolfe = true } = {}): number[][] {
  let x = [...x0];
  const xs = [x];
  let nIter = 0;
  let d: number[] = [];
  let t = 0;
  let oldDirs: number[][] = [];
  let oldStps: number[][] = [];
  let ro: number[] = [];
  let hDiag = 1;
  let prevG: number[] = [];
  for (let k = 0; k < steps; k++) {
    const { loss, grad: g } = rosen(x);
    if (Math.max(...g.map(Math.abs)) <= 1e-7) { xs.push(x); continue; }
    nIter++;
    if (nIter === 1) {
      d = g.map((v) => -v);
      [oldDirs, oldStps, ro, hDiag] = [[], [], [], 1];
    } else {
      const y = g.map((v, i) => v - prevG[i]);
      const s = d.map((v) => v * t);
      const ys = dotN(y, s);
      if (ys > 1e-10) {
        if (oldDirs.length === m) { oldDirs.shift(); oldStps.shift(); ro.shift(); }
        oldDirs.push(y); oldStps.push(s); ro.push(1 / ys);
        hDiag = ys / dotN(y, y);
      }
      const al: number[] = [];
      const q = g.map((v) => -v);
      for (let i = oldDirs.length - 1; i >= 0; i--) {
        al[i] = dotN(oldStps[i], q) * ro[i];
        for (let j = 0; j < q.length; j++) q[j] -= al[i] * oldDirs[i][j];
      }
      d = q.map((v) => v * hDiag);
      for (let i = 0; i < oldDirs.length; i++) {
        const be = dotN(oldDirs[i], d) * ro[i];
        for (let j = 0; j < d.length; j++) d[j] += (al[i] - be) * oldStps[i][j];
      }
    }
    prevG = g;
    t = nIter === 1 ? Math.min(1, 1 / g.reduce((a, v) => a + Math.abs(v), 0)) * lr : lr;
    const gtd = dotN(g, d);
    if (gtd > -1e-9) { xs.push(x); continue; }
    if (wolfe) t = torchStrongWolfe(x, t, d, loss, g, gtd);
    x = x.map((v, i) => v + t * d[i]);
    xs.push(x);
  }
  return xs;
}

/** The iterates of `opt` on Rosenbrock from (−1.2, 1), float64. */
function iterates(opt: ReturnType<typeof lbfgs>, steps: number): number[][] {
  const xs: number[][] = [];
  const spy = { init: opt.init, update: (g: Params, s: any, p?: Params, ctx?: any) => {
    const { x, y } = p as { x: Tensor; y: Tensor };
    xs.push([x.item(), y.item()]);
    return opt.update(g, s, p, ctx);
  } };
  const { params } = minimize(spy as typeof opt, rosenbrock, steps);
  xs.push([params.x.item(), params.y.item()]);
  return xs;
}

describe('lbfgs', () => {
  it('takes a first step of −min(1, 1/‖g‖₁)·lr·g', () => {
    // f = ½(x² + 10y²) at (3, 1): g = (3, 10), ‖g‖₁ = 13 → u = −(3, 10)/13
    const opt = scaleByLbfgs();
    const params = { w: tensor([3, 1], [2], 'float64') };
    const [u] = opt.update({ w: tensor([3, 10], [2], 'float64') }, opt.init(params), params);
    expect(u.w).toBeAllClose([-3 / 13, -10 / 13], { rtol: 1e-12 });
  });

  it('scales the second direction by H₀ = sᵀy/yᵀy (the two-loop recursion with one pair)', () => {
    // 1-D f = x²: x₀ = 2, g₀ = 4, first step −min(1, ¼)·4 = −1 → x₁ = 1, g₁ = 2.
    // s = −1, y = −2, ρ = 1/sᵀy = ½, γ = sᵀy/yᵀy = ½; q = −g₁ = −2; α = ρ·s·q = 1; q ← q − α·y = 0;
    // r = γ·q = 0; β = ρ·y·r = 0; r ← r + (α − β)·s = −1: the exact Newton step to 0.
    const opt = scaleByLbfgs();
    let state = opt.init({ x: tensor([2], [1], 'float64') });
    let u: { x: Tensor };
    [u, state] = opt.update({ x: tensor([4], [1], 'float64') }, state, { x: tensor([2], [1], 'float64') });
    expect(u.x).toBeAllClose([-1]);
    [u, state] = opt.update({ x: tensor([2], [1], 'float64') }, state, { x: tensor([1], [1], 'float64') });
    expect(u.x).toBeAllClose([-1], { rtol: 1e-12 });
    expect(state.hDiag).toBeCloseTo(0.5, 12);
  });

  it('matches torch.optim.LBFGS(max_iter=1, line_search_fn="strong_wolfe") step for step on Rosenbrock', () => {
    const ours = iterates(lbfgs(), 30);
    const reference = torchLbfgs([-1.2, 1], 30);
    expect(ours.length).toBe(31);
    ours.forEach((x, k) => expect(x, `iterate ${k}`).toBeAllClose(reference[k], { rtol: 1e-9, atol: 1e-11 }));
  });

  it('matches torch.optim.LBFGS(lr=0.1, history_size=3, max_iter=1) without a line search', () => {
    const ours = iterates(lbfgs({ lineSearch: 'none', learningRate: 0.1, memory: 3 }), 25);
    const reference = torchLbfgs([-1.2, 1], 25, { lr: 0.1, m: 3, wolfe: false });
    ours.forEach((x, k) => expect(x, `iterate ${k}`).toBeAllClose(reference[k], { rtol: 1e-9, atol: 1e-11 }));
  });

  it('reaches Rosenbrock’s minimum to 1e-6 within 100 iterations', () => {
    // NOTE: PyTorch's toleranceChange (stop once g·d > −1e-9) stops at f ≈ 4.5e-13, 1.3e-6 from (1, 1)
    // along the valley's flat direction (curvature ≈ 0.4 there); 1e-15 lets it get closer.
    const { params } = minimize(lbfgs({ toleranceChange: 1e-15 }), rosenbrock, 100);
    expect(Math.abs(params.x.item() - 1)).toBeLessThan(1e-6);
    expect(Math.abs(params.y.item() - 1)).toBeLessThan(1e-6);
  });

  it('names itself when update has no ctx.lossAndGrad, and refuses bad settings', () => {
    const opt = lbfgs();
    const params = { w: tensor([1, 2]) };
    expect(() => opt.update({ w: tensor([1, 1]) }, opt.init(params), params)).toThrow(/zoomLinesearch: needs ctx\.lossAndGrad/);
    expect(() => lbfgs({ memory: 0 })).toThrow(ValueError);
    expect(() => lbfgs({ memory: 0 })).toThrow(/scaleByLbfgs: memory must be an integer ≥ 1, got 0/);
    expect(() => lbfgs({ learningRate: -1 })).toThrow(/learningRate must be a finite number in \(0, ∞\), got -1/);
    expect(() => lbfgs({ lineSearch: 'armijo' as 'none' })).toThrow(/lbfgs: lineSearch must be 'strong-wolfe' or 'none', got armijo/);
  });
});

describeOptimizerContract('lbfgs', () => lbfgs(), {
  solves: [{ ...quadratic, steps: 20 }, { ...illConditionedQuadratic, steps: 60 }, { ...rosenbrock, steps: 60 }],
});
describeOptimizerContract('lbfgs without a line search', () => lbfgs({ lineSearch: 'none' }), { solves: [{ ...quadratic, steps: 30 }] });
