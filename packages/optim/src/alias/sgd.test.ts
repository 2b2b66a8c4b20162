import { type Params, type Tensor, ValueError, square, sum, tensor, valueAndGrad } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../apply-updates';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { sgd } from './sgd';

/** Feeds the gradients g₁, g₂, … to `opt` from fresh state and returns the updates it emits. */
function updatesFor(opt: ReturnType<typeof sgd>, gradients: number[]): Tensor[] {
  const params = { x: tensor([1], [1], 'float64') };
  let state = opt.init(params);
  return gradients.map((g) => {
    let u: { x: Tensor };
    [u, state] = opt.update({ x: tensor([g], [1], 'float64') }, state, params);
    return u.x;
  });
}

describe('sgd', () => {
  it('steps against the gradient: u = −η·g', () => {
    // η = 0.1: g = 2 → −0.2; g = 2 → −0.2 (no memory); g = 1 → −0.1
    const [u1, u2, u3] = updatesFor(sgd(0.1), [2, 2, 1]);
    expect(u1).toBeAllClose([-0.2]);
    expect(u2).toBeAllClose([-0.2]);
    expect(u3).toBeAllClose([-0.1]);
  });

  it('accumulates momentum: v ← μ·v + g, u = −η·v', () => {
    // η = 0.1, μ = 0.9, v₀ = 0:
    // g = 2: v = 0.9·0 + 2 = 2;       u = −0.1·2    = −0.2  (PyTorch: the first buffer is g itself)
    // g = 2: v = 0.9·2 + 2 = 3.8;     u = −0.1·3.8  = −0.38
    // g = 1: v = 0.9·3.8 + 1 = 4.42;  u = −0.1·4.42 = −0.442
    const [u1, u2, u3] = updatesFor(sgd(0.1, { momentum: 0.9 }), [2, 2, 1]);
    expect(u1).toBeAllClose([-0.2]);
    expect(u2).toBeAllClose([-0.38]);
    expect(u3).toBeAllClose([-0.442]);
  });

  it('looks ahead with Nesterov: u = −η·(g + μ·v) with the new v', () => {
    // η = 0.1, μ = 0.9:
    // g = 2: v = 2;     u = −0.1·(2 + 0.9·2)    = −0.1·3.8   = −0.38
    // g = 2: v = 3.8;   u = −0.1·(2 + 0.9·3.8)  = −0.1·5.42  = −0.542
    // g = 1: v = 4.42;  u = −0.1·(1 + 0.9·4.42) = −0.1·4.978 = −0.4978
    const [u1, u2, u3] = updatesFor(sgd(0.1, { momentum: 0.9, nesterov: true }), [2, 2, 1]);
    expect(u1).toBeAllClose([-0.38]);
    expect(u2).toBeAllClose([-0.542]);
    expect(u3).toBeAllClose([-0.4978]);
  });

  it('descends f(θ) = θ² by hand with valueAndGrad and applyUpdates', () => {
    // θ₀ = 1, f' = 2θ, η = 0.1, μ = 0.9:
    // g = 2:   v = 2;                   θ₁ = 1 − 0.1·2     = 0.8
    // g = 1.6: v = 0.9·2 + 1.6 = 3.4;   θ₂ = 0.8 − 0.1·3.4 = 0.46
    const params = { theta: tensor(1, [], 'float64') };
    const f = (p: { theta: Tensor }) => sum(square(p.theta));
    const opt = sgd(0.1, { momentum: 0.9 });
    let state = opt.init(params);
    const thetas: number[] = [];
    for (let i = 0; i < 2; i++) {
      const { grads } = valueAndGrad(f, params);
      let updates: Params;
      [updates, state] = opt.update(grads, state, params);
      applyUpdates(params, updates);
      thetas.push(params.theta.item());
    }
    expect(thetas).toBeAllClose([0.8, 0.46]);
  });

  it('keeps each stage’s state in a tuple: the velocity, then the step count', () => {
    const opt = sgd(0.1, { momentum: 0.9 });
    const params = { x: tensor([1, 2]) };
    const [, state] = opt.update({ x: tensor([2, 4]) }, opt.init(params), params);
    expect(state).toHaveLength(2);
    expect((state[0] as unknown as { velocity: { x: Tensor } }).velocity.x).toBeAllClose([2, 4]);
    expect(state[1]).toEqual({ count: 1 });
    expect((state[0] as { count: number }).count).toBe(1);
    expect(sgd(0.1).init(params)).toEqual([{}, { count: 0 }]);
  });

  it('offers both momentum conventions: equal for a constant rate, different after a rate change', () => {
    // Constant η = 0.1, μ = 0.9, g = 2, 2, 1: both give −0.2, −0.38, −0.442 (PyTorch's v is Sutskever's / −η).
    expect(updatesFor(sgd(0.1, { momentum: 0.9, convention: 'sutskever' }), [2, 2, 1]).map((u) => u.item())).toBeAllClose([-0.2, -0.38, -0.442]);
    // η = 0.1, 0.1, then 0.01, g = 1: PyTorch −0.1, −0.19, −0.01·2.71 = −0.0271;
    // Sutskever −0.1, −0.19, 0.9·(−0.19) − 0.01 = −0.181.
    const rate = (t: number) => (t < 2 ? 0.1 : 0.01);
    expect(updatesFor(sgd(rate, { momentum: 0.9 }), [1, 1, 1]).map((u) => u.item())).toBeAllClose([-0.1, -0.19, -0.0271]);
    expect(updatesFor(sgd(rate, { momentum: 0.9, convention: 'sutskever' }), [1, 1, 1]).map((u) => u.item())).toBeAllClose([-0.1, -0.19, -0.181]);
  });

  it('takes a schedule for the momentum (0.5 at first, then 0.9)', () => {
    // μ = 0.5, 0.5, 0.9; g = 1: v = 1, 1.5, 2.35; u = −0.1·v
    const opt = sgd(0.1, { momentum: (t) => (t < 2 ? 0.5 : 0.9) });
    expect(updatesFor(opt, [1, 1, 1]).map((u) => u.item())).toBeAllClose([-0.1, -0.15, -0.235]);
  });

  it('follows torch.optim.SGD’s equations step for step on rosenbrock, with a scheduled μ, plain and Nesterov', () => {
    // buf ← μ_t·buf + g (buf = g at first: dampening 0); θ ← θ − η·buf, or θ ← θ − η·(g + μ_t·buf) with Nesterov.
    const mu = (t: number) => (t < 10 ? 0.5 : 0.9);
    const reference = (nesterov: boolean): number[][] => {
      let w = [-1.2, 1];
      const buf = [0, 0];
      const rows = [[...w]];
      for (let t = 0; t < 30; t++) {
        const { grads } = lossAndGradAt(rosenbrock, w);
        w = w.map((wi, i) => {
          buf[i] = mu(t) * buf[i] + grads[i];
          return wi - 1e-3 * (nesterov ? grads[i] + mu(t) * buf[i] : buf[i]);
        });
        rows.push([...w]);
      }
      return rows;
    };
    expect(trajectory(sgd(1e-3, { momentum: mu }), rosenbrock, 30)).toBeAllClose(reference(false), { rtol: 1e-12 });
    expect(trajectory(sgd(1e-3, { momentum: mu, nesterov: true }), rosenbrock, 30)).toBeAllClose(reference(true), { rtol: 1e-12 });
  });

  it('refuses an unknown convention, and Sutskever’s without momentum', () => {
    expect(() => sgd(0.1, { momentum: 0.9, convention: 'torch' as 'pytorch' })).toThrow(/sgd: convention must be 'pytorch' or 'sutskever', got "torch"/);
    expect(() => sgd(0.1, { convention: 'sutskever' })).toThrow(/it needs momentum > 0/);
  });

  it('refuses a negative learning rate or momentum, and Nesterov without momentum', () => {
    expect(() => sgd(-0.1)).toThrow(ValueError);
    expect(() => sgd(0.1, { momentum: -0.5 })).toThrow(/momentum must be a finite number ≥ 0/);
    expect(() => sgd(0.1, { nesterov: true })).toThrow(/Nesterov momentum needs momentum > 0/);
    const params = { x: tensor([1]) };
    const adamLike = [{ count: 0, mu: params, nu: params, nuMax: null }, { count: 0 }];
    expect(() => sgd(0.1, { momentum: 0.9 }).update(params, adamLike as never, params)).toThrow(/^sgd: trace: expected the state its init makes, with keys \{velocity, count\}/);
    expect(() => sgd(0.1).update(params, [{}] as never, params)).toThrow(/^sgd: expected the state its init makes, a list of 2, got a list of 1/);
  });
});

describeOptimizerContract('sgd', () => sgd(0.1), { solves: [quadratic] });
describeOptimizerContract('sgd with momentum', () => sgd(2e-3, { momentum: 0.9 }), {
  // One rate for both: η = 0.1 would diverge on rosenbrock (curvature ≈ 1300 at the start); with
  // η = 0.002 the flat axis of the quadratic shrinks by ≈ 1 − η/(1 − μ) = 0.98 a step, so 3 → 1e-3 in ≈ 400.
  solves: [{ ...quadratic, steps: 600 }, rosenbrock],
});
describeOptimizerContract('sgd with Nesterov momentum', () => sgd(0.05, { momentum: 0.9, nesterov: true }), { solves: [quadratic] });
describeOptimizerContract('sgd with heavy-ball momentum', () => sgd(3.7e-3, { momentum: 0.88 }), {
  // Polyak's tuning for curvatures in [1, 1000]: η = 4/(√1000 + 1)² ≈ 3.76e-3, μ = ((√1000 − 1)/(√1000 + 1))² ≈ 0.88,
  // a contraction of √μ ≈ 0.94 a step: 1 → 1e-3 in ≈ 120 steps (plain descent would need ≈ 6,900).
  solves: [{ ...illConditionedQuadratic, steps: 300 }],
});
