import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, minimize, quadratic, rosenbrock, trajectory } from '../testing';
import { adadelta } from './adadelta';
import { adam } from './adam';

/** Zeiler's Algorithm 1 (with torch's lr factor), in plain numbers. */
function adadeltaReference(steps: number, lr: number, rho: number, eps: number): number[][] {
  let w = [-1.2, 1];
  const eg = [0, 0];
  const ed = [0, 0];
  const rows = [[...w]];
  for (let t = 0; t < steps; t++) {
    const { grads } = lossAndGradAt(rosenbrock, w);
    w = w.map((wi, i) => {
      eg[i] = rho * eg[i] + (1 - rho) * grads[i] ** 2;
      const delta = (Math.sqrt(ed[i] + eps) / Math.sqrt(eg[i] + eps)) * grads[i];
      ed[i] = rho * ed[i] + (1 - rho) * delta ** 2;
      return wi - lr * delta;
    });
    rows.push([...w]);
  }
  return rows;
}

describe('adadelta', () => {
  it('steps −η·Δ with PyTorch’s defaults (η = 1, ρ = 0.9, ε = 1e-6)', () => {
    // g = 1: Δ = √1e-6/√(0.1 + 1e-6) = 0.00316226 (see scaleByAdadelta's test)
    const opt = adadelta();
    const params = { x: tensor([0], [1], 'float64') };
    expect(opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params)[0].x).toBeAllClose([-0.0031622618488986636], { rtol: 1e-9 });
  });

  it('follows Zeiler’s equations step for step on rosenbrock', () => {
    expect(trajectory(adadelta(), rosenbrock, 30)).toBeAllClose(adadeltaReference(30, 1, 0.9, 1e-6), { rtol: 1e-10 });
    expect(trajectory(adadelta(0.5, { rho: 0.95, eps: 1e-4 }), rosenbrock, 30)).toBeAllClose(adadeltaReference(30, 0.5, 0.95, 1e-4), { rtol: 1e-10 });
  });

  it('hovers near a minimum at the defaults: ε keeps its steps from shrinking away', () => {
    // √(E[Δ²] + ε) ≥ √ε = 1e-3 while E[g²] follows the gradient down, so near the minimum the step
    // Δ ≈ 1e-3·g/RMS[g] stays ≈ 1e-3 in size and the weights oscillate: on the bowl it gets within
    // 2e-2 in 1,000 steps and no closer (2.5e-2 after 3,000). Rosenbrock's valley it only enters.
    const near = minimize(adadelta(), quadratic, 1000).params.w.toArray() as number[];
    expect(Math.max(...near.map(Math.abs))).toBeLessThan(2e-2);
    const { losses } = minimize(adadelta(), rosenbrock, 1000);
    expect(losses[1000]).toBeLessThan(losses[0] / 5);
  });

  it('refuses bad hyper-parameters and a state from another optimizer', () => {
    expect(() => adadelta(-1)).toThrow(ValueError);
    expect(() => adadelta(1, { rho: -0.1 })).toThrow(/rho must be a finite number ≥ 0 and ≤ 1, got -0.1/);
    const params = { x: tensor([1]) };
    expect(() => adadelta().update(params, adam().init(params) as never, params)).toThrow(/^adadelta: scaleByAdadelta: expected the state its init makes/);
  });
});

describeOptimizerContract('adadelta with ε = 1e-8', () => adadelta(1, { eps: 1e-8 }), {
  // A smaller ε lowers that floor: the κ = 1000 bowl in float64 is solved, within 3e-4 after 2,000
  // steps. The float32 bowl and Rosenbrock are not: with ε = 1e-8 the first steps are only ≈ 1e-4
  // long (√ε/RMS[g]·g) and grow slowly, so after 2,000 steps it is still ≈ 1.3 from the bowl's minimum.
  solves: [illConditionedQuadratic],
});
