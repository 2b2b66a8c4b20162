import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { chain } from '../chain';
import { describeOptimizerContract, illConditionedQuadratic, lossAndGradAt, quadratic, rosenbrock, trajectory } from '../testing';
import { scaleByLearningRate } from './scale-by-learning-rate';
import { sutskeverMomentum } from './sutskever-momentum';
import { trace } from './trace';

/** The updates `opt` emits for the gradients `gs`, from fresh state. */
function updates(opt: ReturnType<typeof sutskeverMomentum> | ReturnType<typeof chain>, gs: number[]): number[] {
  const params = { x: tensor([0], [1], 'float64') };
  let state: unknown = opt.init(params);
  return gs.map((g) => {
    let u: { x: Tensor };
    [u, state] = (opt as ReturnType<typeof sutskeverMomentum>).update({ x: tensor([g], [1], 'float64') }, state as never, params);
    return u.x.item();
  });
}

describe('sutskeverMomentum', () => {
  it('keeps the step as the velocity: v ← μ·v − η·g, u = v', () => {
    // η = 0.1, μ = 0.9, g = 2, 2, 1: v = −0.2, 0.9·(−0.2) − 0.2 = −0.38, 0.9·(−0.38) − 0.1 = −0.442
    expect(updates(sutskeverMomentum({ learningRate: 0.1, decay: 0.9 }), [2, 2, 1])).toBeAllClose([-0.2, -0.38, -0.442]);
  });

  it('equals PyTorch’s convention for a constant rate, and differs after a rate change', () => {
    const rate = (t: number) => (t < 2 ? 0.1 : 0.01);
    const pytorch = chain(trace({ decay: 0.9 }), scaleByLearningRate(rate));
    const sutskever = sutskeverMomentum({ learningRate: rate, decay: 0.9 });
    // g = 1 three times, η = 0.1, 0.1, then 0.01:
    // PyTorch:   v = 1, 1.9, 2.71;   u = −η·v = −0.1, −0.19, −0.0271 (the new rate scales the whole velocity)
    // Sutskever: v = u = −0.1, −0.19, 0.9·(−0.19) − 0.01 = −0.181 (the old steps keep their rate and decay out)
    expect(updates(pytorch, [1, 1, 1])).toBeAllClose([-0.1, -0.19, -0.0271]);
    expect(updates(sutskever, [1, 1, 1])).toBeAllClose([-0.1, -0.19, -0.181]);
    const constant = [2, -1, 0.5, 3, 1];
    expect(updates(sutskeverMomentum({ learningRate: 0.05, decay: 0.8 }), constant)).toBeAllClose(
      updates(chain(trace({ decay: 0.8 }), scaleByLearningRate(0.05)), constant),
      { rtol: 1e-12 },
    );
  });

  it('follows Sutskever et al.’s equations on rosenbrock, classic and Nesterov', () => {
    // Classic: v ← μv − η∇f(θ), θ ← θ + v. Nesterov (their eq. 3–4): v ← μv − η∇f(θ + μv), θ ← θ + v;
    // the transform stores the look-ahead point Θ = θ + μ·v, so compare with that.
    const [eta, mu] = [1e-3, 0.9];
    const reference = (nesterov: boolean): number[][] => {
      let theta = [-1.2, 1];
      let v = [0, 0];
      const rows = [[...theta]];
      for (let t = 0; t < 30; t++) {
        const at = nesterov ? theta.map((x, i) => x + mu * v[i]) : theta;
        const { grads } = lossAndGradAt(rosenbrock, at);
        v = v.map((vi, i) => mu * vi - eta * grads[i]);
        theta = theta.map((x, i) => x + v[i]);
        rows.push(nesterov ? theta.map((x, i) => x + mu * v[i]) : [...theta]);
      }
      return rows;
    };
    expect(trajectory(sutskeverMomentum({ learningRate: eta, decay: mu }), rosenbrock, 30)).toBeAllClose(reference(false), { rtol: 1e-10 });
    // Θ₀ = θ₀ since v₀ = 0.
    expect(trajectory(sutskeverMomentum({ learningRate: eta, decay: mu, nesterov: true }), rosenbrock, 30)).toBeAllClose(reference(true), { rtol: 1e-10 });
  });

  it('refuses a negative rate or momentum', () => {
    expect(() => sutskeverMomentum({ learningRate: -1, decay: 0.9 })).toThrow(/sutskeverMomentum: learningRate must be a finite number ≥ 0, got -1/);
    expect(() => sutskeverMomentum({ learningRate: 0.1, decay: -0.9 })).toThrow(ValueError);
  });
});

describeOptimizerContract('sutskeverMomentum', () => sutskeverMomentum({ learningRate: 3.7e-3, decay: 0.88 }), {
  solves: [{ ...quadratic, steps: 400 }, { ...illConditionedQuadratic, steps: 300 }, rosenbrock],
});
describeOptimizerContract('sutskeverMomentum (Nesterov), μ raised from 0.5 to 0.9', () => sutskeverMomentum({ learningRate: 1e-3, decay: (t) => (t < 50 ? 0.5 : 0.9), nesterov: true }), {
  // η·λ_max = 1 keeps Nesterov's look-ahead stable on the κ = 1000 bowl; the flat axis then moves ≈ η/(1 − μ) = 1% a step.
  solves: [{ ...quadratic, steps: 1000 }, illConditionedQuadratic],
});
