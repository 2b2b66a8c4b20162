import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, minimize, quadratic, rosenbrock } from '../testing';
import { conjugateGradient } from './conjugate-gradient';
import { scaleByConjugateGradient } from './scale-by-conjugate-gradient';

const v = (values: number[]) => ({ w: tensor(values, [values.length], 'float64') });

/** Two updates: g₀ = (3, 4) at x₀ = (0, 0), then g₁ = (1, −1) at x₀ plus the first update. */
function twoSteps(method: 'fletcher-reeves' | 'polak-ribiere-plus', restart?: number) {
  const opt = scaleByConjugateGradient({ method, restart });
  const [u0, s0] = opt.update(v([3, 4]), opt.init(v([0, 0])), v([0, 0]));
  const x1 = (u0.w as Tensor).toArray() as number[];
  const [u1, s1] = opt.update(v([1, -1]), s0, v(x1));
  return { u0: u0.w, u1: u1.w, state: s1 };
}

describe('conjugateGradient', () => {
  it('starts with steepest descent scaled by min(1, 1/‖g‖₁)', () => {
    // g = (3, 4): d = (−3, −4), α₀ = 1/7
    expect(twoSteps('fletcher-reeves').u0).toBeAllClose([-3 / 7, -4 / 7], { rtol: 1e-12 });
  });

  it('conjugates with Fletcher–Reeves: β = gᵀg/g₋ᵀg₋', () => {
    // β = 2/25 = 0.08; d = (−1, 1) + 0.08·(−3, −4) = (−1.24, 0.68); gᵀd = −1.92 < 0.
    // The step taken was α₋ = 1/7, so α₀ = (1/7)·g₋ᵀd₋/gᵀd = (1/7)·(−25)/(−1.92) = 1.8601190…
    const { u1, state } = twoSteps('fletcher-reeves');
    const alpha = 25 / (7 * 1.92);
    expect(state.previous?.direction).toBeAllClose([-1.24, 0.68], { rtol: 1e-12 });
    expect(u1).toBeAllClose([-1.24 * alpha, 0.68 * alpha], { rtol: 1e-12 });
  });

  it('conjugates with Polak–Ribière+: β = max(0, gᵀ(g − g₋)/g₋ᵀg₋)', () => {
    // β = (1, −1)·(−2, −5)/25 = 3/25 = 0.12; d = (−1, 1) + 0.12·(−3, −4) = (−1.36, 0.52)
    expect(twoSteps('polak-ribiere-plus').state.previous?.direction).toBeAllClose([-1.36, 0.52], { rtol: 1e-12 });
  });

  it('restarts every `restart` updates and when d is not a descent direction', () => {
    expect(twoSteps('fletcher-reeves', 1).state.previous?.direction).toBeAllClose([-1, 1]);
    // g₁ = (−3, −4.1) ≈ −g₀: β_FR ≈ 1.07, d = (3, 4.1) + 1.07·(−3, −4) points uphill (gᵀd > 0) → d = −g
    const opt = scaleByConjugateGradient({ method: 'fletcher-reeves' });
    const [, s0] = opt.update(v([3, 4]), opt.init(v([0, 0])), v([0, 0]));
    const [, s1] = opt.update(v([-3, -4.1]), s0, v([-3 / 7, -4 / 7]));
    expect(s1.previous?.direction).toBeAllClose([3, 4.1]);
    expect(s1.sinceRestart).toBe(0);
  });

  for (const method of ['fletcher-reeves', 'polak-ribiere-plus'] as const) {
    it(`reaches Rosenbrock’s minimum to 1e-6 within 100 iterations (${method})`, () => {
      const { params } = minimize(conjugateGradient({ method }), rosenbrock, 100);
      expect(Math.abs(params.x.item() - 1)).toBeLessThan(1e-6);
      expect(Math.abs(params.y.item() - 1)).toBeLessThan(1e-6);
    });
  }

  it('names itself without ctx.lossAndGrad, and refuses bad settings', () => {
    const opt = conjugateGradient();
    expect(() => opt.update(v([1, 1]), opt.init(v([0, 0])), v([0, 0]))).toThrow(/zoomLinesearch: needs ctx\.lossAndGrad/);
    expect(() => conjugateGradient({ method: 'hestenes' as 'fletcher-reeves' })).toThrow(ValueError);
    expect(() => conjugateGradient({ restart: 0 })).toThrow(/scaleByConjugateGradient: restart must be an integer ≥ 1, got 0/);
    expect(() => conjugateGradient({ c2: 1e-5 })).toThrow(/needs 0 < c1 < c2 < 1/);
  });
});

describeOptimizerContract('conjugateGradient', () => conjugateGradient(), {
  solves: [{ ...quadratic, steps: 20 }, { ...illConditionedQuadratic, steps: 60 }, { ...rosenbrock, steps: 100 }],
});
describeOptimizerContract('conjugateGradient (Fletcher–Reeves)', () => conjugateGradient({ method: 'fletcher-reeves' }), {
  solves: [{ ...quadratic, steps: 20 }],
});
