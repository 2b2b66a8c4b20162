import {
  type Params, type Tensor, ValueError, add, createRng, eye, logSoftmax, matmul, mean, mul, neg, randn, sigmoid, softplus, sub, sum, tanh,
  tensor, valueAndGrad,
} from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../apply-updates';
import { describeOptimizerContract, illConditionedQuadratic, minimize, quadratic, rosenbrock } from '../testing';
import { hessianFree } from './hessian-free';

type Net = { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor };

/** A one-hidden-layer network's logits: act(x·W1 + b1)·W2 + b2. */
const logits = (x: Tensor, act: (t: Tensor) => Tensor) => (p: Net) => add(matmul(act(add(matmul(x, p.w1), p.b1)), p.w2), p.b2);

function init(sizes: [number, number, number], seed: number): Net {
  const rng = createRng(seed);
  const [i, h, o] = sizes;
  return {
    w1: randn([i, h], { rng, dtype: 'float64', std: 1 / Math.sqrt(i) }),
    b1: tensor(new Array(h).fill(0), [h], 'float64'),
    w2: randn([h, o], { rng, dtype: 'float64', std: 1 / Math.sqrt(h) }),
    b2: tensor(new Array(o).fill(0), [o], 'float64'),
  };
}

/** Full-batch training with the context fit passes: loss, lossAndGrad, lossFn and outputAndLoss. */
function train(opt: ReturnType<typeof hessianFree>, params: Net, output: (p: Net) => Tensor, outputLoss: (z: Tensor) => Tensor, updates: number): number[] {
  const lossFn = (p: Params) => outputLoss(output(p as Net));
  const lossAndGrad = (p: Params) => {
    const { value, grads } = valueAndGrad(lossFn, p);
    return { loss: value.item(), grads };
  };
  let state = opt.init(params);
  const losses: number[] = [];
  for (let k = 0; k < updates; k++) {
    const { loss, grads } = lossAndGrad(params);
    losses.push(loss);
    let u: Params;
    [u, state] = opt.update(grads, state, params, { loss, lossAndGrad, lossFn, outputAndLoss: { output: output as (p: Params) => Tensor, loss: outputLoss } });
    applyUpdates(params, u);
  }
  losses.push(lossAndGrad(params).loss);
  return losses;
}

describe('hessianFree', () => {
  const xorX = tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2], 'float64');
  const xorT = tensor([0, 1, 1, 0], [4, 1], 'float64');
  // binary cross-entropy of the logits z: mean softplus(z) − t·z (convex in z, so Gauss–Newton is PSD)
  const bce = (z: Tensor) => mean(sub(softplus(z), mul(xorT, z)));

  it('trains the 2-2-1 tanh XOR network to a loss below 0.01 with Gauss–Newton curvature', () => {
    // measured: 0.69 for six updates while λ falls from 1, then 0.39 (update 9), 1.8e-2 (14), 1.2e-3 (19)
    const losses = train(hessianFree(), init([2, 2, 1], 1), logits(xorX, tanh), bce, 20);
    expect(losses[losses.length - 1]).toBeLessThan(0.01);
    expect(losses.every((l, k) => k === 0 || l <= losses[k - 1])).toBe(true); // never goes up
  });

  it('trains the 2-4-1 XOR network with the exact Hessian too', () => {
    const losses = train(hessianFree({ curvature: 'hessian' }), init([2, 4, 1], 2), logits(xorX, tanh), bce, 20);
    expect(losses[losses.length - 1]).toBeLessThan(0.01);
  });

  it('trains an 8-3-8 sigmoid autoencoder on the one-hot codes', () => {
    const codes = eye(8, 8, 'float64');
    const crossEntropy = (z: Tensor) => neg(mean(sum(mul(codes, logSoftmax(z, 1)), 1)));
    const params = init([8, 3, 8], 3);
    // measured: 2.1 (ln 8) → 0.18 after 14 updates, 6.8e-3 after 20
    const losses = train(hessianFree(), params, logits(codes, sigmoid), crossEntropy, 20);
    expect(losses[losses.length - 1]).toBeLessThan(0.1);
    const reconstructed = (logits(codes, sigmoid)(params).toArray() as number[][]).map((row) => row.indexOf(Math.max(...row)));
    expect(reconstructed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('warm-starts CG from the decayed previous solution and adapts λ by ρ', () => {
    // f = ½(x² + 10y²): B is exact, so CG solves (B + λI)p = −g; q(p) is f's own model apart from
    // the damping term, so ρ = (f(θ + p) − f(θ))/(gᵀp + ½pᵀ(B + λI)p) > ¾ and λ: 1 → 2/3
    const { state } = minimize(hessianFree(), quadratic, 1);
    expect(state.damping).toBeCloseTo(2 / 3, 12);
    // p solves (diag(1, 10) + I)p = −(3, 10): p = (−1.5, −10/11)
    expect(state.previous).toBeAllClose([-1.5, -10 / 11], { rtol: 1e-5 });
  });

  it('names itself without ctx.lossAndGrad or ctx.outputAndLoss where needed, and refuses bad settings', () => {
    const opt = hessianFree();
    const params = { w: tensor([1, 2]) };
    expect(() => opt.update({ w: tensor([1, 1]) }, opt.init(params), params)).toThrow(/hessianFree: needs ctx\.lossAndGrad/);
    const gn = hessianFree({ curvature: 'gauss-newton' });
    const lossAndGrad = () => ({ loss: 1, grads: { w: tensor([1, 1]) } });
    expect(() => gn.update({ w: tensor([1, 1]) }, gn.init(params), params, { loss: 1, lossAndGrad })).toThrow(/curvature 'gauss-newton' needs ctx\.outputAndLoss/);
    expect(() => hessianFree({ damping: 0 })).toThrow(ValueError);
    expect(() => hessianFree({ maxIterations: 0 })).toThrow(/hessianFree: maxIterations must be an integer ≥ 1, got 0/);
    expect(() => hessianFree({ decay: 1.5 })).toThrow(/decay must be a finite number in \[0, 1\), got 1.5/);
  });
});

describeOptimizerContract('hessianFree', () => hessianFree(), {
  solves: [{ ...quadratic, steps: 15 }, { ...illConditionedQuadratic, steps: 15 }, { ...rosenbrock, steps: 60 }],
});
