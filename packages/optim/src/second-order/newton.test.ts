import {
  type Params, type Tensor, ValueError, add, createRng, matmul, mean, mul, neg, randn, softplus, square, sub, sum, tanh, tensor, valueAndGrad,
} from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../apply-updates';
import { describeOptimizerContract, illConditionedQuadratic, minimize, quadratic, rosenbrock } from '../testing';
import { toFlat } from './flat';
import { newton } from './newton';

const f64 = (values: number[], shape = [values.length]) => tensor(values, shape, 'float64');

/** Eight overlapping points in the plane with labels ±1 (not separable, so the fit is finite). */
const X = f64([1, 2, 2, 1, 2, 3, 3, 2, 0.5, 1, -1, -0.5, 1.5, 0, -0.5, -1.5], [8, 2]);
const Y = f64([1, 1, -1, 1, -1, -1, -1, 1], [8, 1]);

/** L2-regularized logistic regression: mean log(1 + exp(−y·(x·w + b))) + 0.05·‖w‖², strictly convex. */
const logistic = (p: { w: Tensor; b: Tensor }) => add(mean(softplus(neg(mul(Y, add(matmul(X, p.w), p.b))))), mul(0.05, sum(square(p.w))));

/** Newton's iterates on the logistic regression from θ = 0, flattened. */
function newtonIterates(steps: number): number[][] {
  const params = { w: f64([0, 0], [2, 1]), b: f64([0]) };
  const opt = newton();
  let state = opt.init(params);
  const lossAndGrad = (p: Params) => {
    const { value, grads } = valueAndGrad(logistic, p as typeof params);
    return { loss: value.item(), grads };
  };
  const out = [toFlat(params)];
  for (let k = 0; k < steps; k++) {
    const { loss, grads } = lossAndGrad(params);
    let updates: Params;
    [updates, state] = opt.update(grads, state, params, { loss, lossAndGrad, lossFn: logistic as (p: Params) => Tensor });
    applyUpdates(params, updates);
    out.push(toFlat(params));
  }
  return out;
}

describe('newton', () => {
  it('takes the damped Newton step −(H + λ‖g‖·I)⁻¹g first', () => {
    // f = ½(x² + 10y²) at (3, 1): H = diag(1, 10), g = (3, 10), μ = 1e-3·√109:
    // d = (−3/(1 + μ), −10/(10 + μ)); f drops from 9.5 to about 0, ρ ≈ 1 so λ ← 2/3·λ
    const mu = 1e-3 * Math.sqrt(109);
    const { params, state } = minimize(newton(), quadratic, 1); // float32
    expect(params.w).toBeAllClose([3 - 3 / (1 + mu), 1 - 10 / (10 + mu)], { rtol: 1e-6, atol: 1e-7 });
    expect(state.damping).toBeCloseTo((2 / 3) * 1e-3, 15);
  });

  it('converges quadratically on L2-regularized logistic regression: e_{k+1} ≤ C·e_k²', () => {
    const xs = newtonIterates(10);
    const best = xs[xs.length - 1];
    const errors = xs.map((x) => Math.sqrt(x.reduce((s, xi, i) => s + (xi - best[i]) ** 2, 0)));
    // the minimum to rounding within four steps
    expect(errors[4]).toBeLessThan(1e-12);
    const ratios = errors.slice(0, -1).map((e, k) => [e, errors[k + 1] / (e * e)]).filter(([e]) => e > 1e-6 && e < 1);
    expect(ratios.length).toBeGreaterThanOrEqual(3);
    // measured: e = 0.64, 9.8e-3, 9.8e-6, 1.2e-11, 2e-16; e_{k+1}/e_k² = 0.024, 0.10, 0.12
    for (const [, r] of ratios) expect(r).toBeLessThan(0.5);
  });

  it('trains the 2-2-1 tanh XOR network (9 weights) to a loss below 0.01', () => {
    const X2 = f64([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
    const T = f64([0, 1, 1, 0], [4, 1]);
    type Net = { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor };
    // binary cross-entropy of the logits z = tanh(x·W1 + b1)·W2 + b2: mean softplus(z) − t·z
    const loss = (p: Net) => {
      const z = add(matmul(tanh(add(matmul(X2, p.w1), p.b1)), p.w2), p.b2);
      return mean(sub(softplus(z), mul(T, z)));
    };
    const rng = createRng(1);
    const params: Net = { w1: randn([2, 2], { rng, dtype: 'float64' }), b1: f64([0, 0]), w2: randn([2, 1], { rng, dtype: 'float64' }), b2: f64([0]) };
    // measured: 0.69, 0.61, 0.57, 0.48, 0.26, 0.10, 4.3e-2, 1.8e-2, 7.0e-3 (8 updates), 2.7e-3
    const { losses } = minimize(newton(), { name: 'xor', init: () => params, loss, minimum: [], tolerance: 0, steps: 10 }, 10);
    expect(losses[10]).toBeLessThan(0.01);
    expect(losses.every((l, k) => k === 0 || l <= losses[k - 1])).toBe(true);
  });

  it('finds the Hessian by finite differences of lossAndGrad when there is no ctx.lossFn', () => {
    const opt = newton();
    const params = { x: f64([-1.2]), y: f64([1]) };
    const lossAndGrad = (p: Params) => {
      const { value, grads } = valueAndGrad(rosenbrock.loss, p as typeof params);
      return { loss: value.item(), grads };
    };
    const { loss, grads } = lossAndGrad(params);
    const [exact] = opt.update(grads, opt.init(params), params, { loss, lossAndGrad, lossFn: rosenbrock.loss as (p: Params) => Tensor });
    const [differenced] = opt.update(grads, opt.init(params), params, { loss, lossAndGrad });
    expect(toFlat(differenced)).toBeAllClose(toFlat(exact), { rtol: 1e-5 });
  });

  it('names itself when update has no ctx.lossAndGrad, and refuses bad settings', () => {
    const opt = newton();
    const params = { w: f64([1, 2]) };
    expect(() => opt.update({ w: f64([1, 1]) }, opt.init(params), params)).toThrow(/newton: needs ctx\.lossAndGrad/);
    expect(() => newton({ damping: -1 })).toThrow(ValueError);
    expect(() => newton({ damping: 0 })).toThrow(/newton: damping must be a finite number in \(0, ∞\), got 0/);
    expect(() => newton({ maxTries: 0.5 })).toThrow(/maxTries must be an integer ≥ 1, got 0.5/);
  });
});

describeOptimizerContract('newton', () => newton(), {
  solves: [{ ...quadratic, steps: 5 }, { ...illConditionedQuadratic, steps: 5 }, { ...rosenbrock, steps: 30 }],
});
