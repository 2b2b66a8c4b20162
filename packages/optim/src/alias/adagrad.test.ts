import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, minimize, quadratic, rosenbrock, trajectory } from '../testing';
import { adagrad } from './adagrad';
import { adam } from './adam';

/** Duchi et al.'s diagonal rule as torch.optim.Adagrad writes it (clr = lr/(1 + (t − 1)·lr_decay)), in plain numbers. */
function adagradReference(steps: number, lr: number, lrDecay: number, g0: number, eps: number): number[][] {
  let w = [-1.2, 1];
  const sum = [g0, g0];
  const rows = [[...w]];
  for (let t = 1; t <= steps; t++) {
    const { grads } = lossAndGradAt(rosenbrock, w);
    const clr = lr / (1 + (t - 1) * lrDecay);
    w = w.map((wi, i) => {
      sum[i] += grads[i] ** 2;
      return wi - (clr * grads[i]) / (Math.sqrt(sum[i]) + eps);
    });
    rows.push([...w]);
  }
  return rows;
}

function updates(opt: ReturnType<typeof adagrad>, gs: number[]): number[] {
  const params = { x: tensor([0], [1], 'float64') };
  let state = opt.init(params);
  return gs.map((g) => {
    let u: { x: { item(): number } };
    [u, state] = opt.update({ x: tensor([g], [1], 'float64') }, state, params);
    return u.x.item();
  });
}

describe('adagrad', () => {
  it('steps −η·g/(√G + ε) with PyTorch’s defaults (η = 1e-2, G₀ = 0, ε = 1e-10)', () => {
    // g = 1: G = 1, u = −0.01; g = 2: G = 5, u = −0.02/√5 = −0.00894427
    expect(updates(adagrad(), [1, 2])).toBeAllClose([-0.01, -0.008944271909599158], { rtol: 1e-9 });
  });

  it('decays the rate as η/(1 + t·lrDecay)', () => {
    // lrDecay 0.5: the second step's rate is 0.01/1.5, u = −0.01/1.5·2/√5 = −0.00596285
    expect(updates(adagrad(0.01, { lrDecay: 0.5 }), [1, 2])).toBeAllClose([-0.01, -0.00596284793999944], { rtol: 1e-9 });
  });

  it('follows the Adagrad equations step for step on rosenbrock', () => {
    expect(trajectory(adagrad(0.5), rosenbrock, 25)).toBeAllClose(adagradReference(25, 0.5, 0, 0, 1e-10), { rtol: 1e-10 });
    expect(trajectory(adagrad(0.3, { lrDecay: 0.01, initialAccumulatorValue: 0.1, eps: 1e-6 }), rosenbrock, 25)).toBeAllClose(
      adagradReference(25, 0.3, 0.01, 0.1, 1e-6),
      { rtol: 1e-10 },
    );
  });

  it('slows down in Rosenbrock’s valley: its rate falls like 1/√t there', () => {
    // η = 0.5: within 1e-3 of the bowls' minima in a few hundred steps, but after 3,000 steps on
    // Rosenbrock it is still ≈ 0.07 from (1, 1) (0.009 after 6,000): the summed squares of the large
    // early gradients keep dividing the steps down. It does get there: the loss falls from 24.2 below 1e-2.
    const { params, losses } = minimize(adagrad(0.5), rosenbrock, 3000);
    expect(losses[0]).toBeCloseTo(24.2, 10);
    expect(losses[3000]).toBeLessThan(1e-2);
    expect(Math.abs(params.x.item() - 1)).toBeLessThan(0.1);
    expect(Math.abs(params.x.item() - 1)).toBeGreaterThan(1e-3);
  });

  it('refuses bad hyper-parameters and a state from another optimizer', () => {
    expect(() => adagrad(-1)).toThrow(ValueError);
    expect(() => adagrad(0.1, { lrDecay: -1 })).toThrow(/adagrad: lrDecay must be a finite number ≥ 0, got -1/);
    expect(() => adagrad(0.1, { eps: 0 })).toThrow(/eps must be a finite number > 0/);
    const params = { x: tensor([1]) };
    expect(() => adagrad().update(params, adam().init(params) as never, params)).toThrow(/^adagrad: scaleByAdagrad: expected the state its init makes, with keys \{sumOfSquares\}/);
  });
});

describeOptimizerContract('adagrad', () => adagrad(0.5), {
  // Rosenbrock is tested above for what it reaches: 1e-3 would take ≈ 10,000 steps.
  solves: [quadratic, { ...illConditionedQuadratic, steps: 500 }],
});
