import { type Tensor, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describeOptimizerContract, illConditionedQuadratic, minimize, quadratic, rosenbrock } from '../testing';
import { bfgs } from './bfgs';
import { scaleByBfgs } from './scale-by-bfgs';

const v = (values: number[]) => ({ w: tensor(values, [values.length], 'float64') });

describe('bfgs', () => {
  it('takes −min(1, 1/‖g‖₁)·g first, then an exact Newton step on x² (H₀ = yᵀs/yᵀy)', () => {
    // x₀ = 2, g₀ = 4: u = −¼·4 = −1. x₁ = 1, g₁ = 2: s = −1, y = −2, H₀ = 2/4 = ½,
    // H = (1 − ½·2)·½·(1 − ½·2) + ½·1 = ½, d = −½·2 = −1, landing on 0.
    const opt = scaleByBfgs();
    const [u0, s0] = opt.update(v([4]), opt.init(v([2])), v([2]));
    const [u1, s1] = opt.update(v([2]), s0, v([1]));
    expect(u0.w).toBeAllClose([-1]);
    expect(u1.w).toBeAllClose([-1], { rtol: 1e-12 });
    expect(s1.inverseHessian).toBeAllClose([0.5]);
  });

  it('satisfies the secant equation H·y = s and stays symmetric', () => {
    // three points of f = ½(x² + 10y²) + xy: gradients (x + y, 10y + x)
    const grad = ([x, y]: number[]) => [x + y, 10 * y + x];
    const opt = scaleByBfgs();
    let state = opt.init(v([0, 0]));
    const points = [[3, 1], [2, 0.5], [1.5, -0.2]];
    for (const p of points) [, state] = opt.update(v(grad(p)), state, v(p));
    const h = state.inverseHessian!;
    const [s, y] = [[-0.5, -0.7], [grad(points[2])[0] - grad(points[1])[0], grad(points[2])[1] - grad(points[1])[1]]];
    expect([h[0] * y[0] + h[1] * y[1], h[2] * y[0] + h[3] * y[1]]).toBeAllClose(s, { rtol: 1e-12 });
    expect(h[1]).toBeCloseTo(h[2], 14);
  });

  it('reaches Rosenbrock’s minimum to 1e-6 within 100 iterations', () => {
    const { params } = minimize(bfgs(), rosenbrock, 100);
    expect(Math.abs((params.x as Tensor).item() - 1)).toBeLessThan(1e-6);
    expect(Math.abs((params.y as Tensor).item() - 1)).toBeLessThan(1e-6);
  });

  it('names the line search when update has no ctx.lossAndGrad', () => {
    const opt = bfgs();
    expect(() => opt.update(v([1]), opt.init(v([0])), v([0]))).toThrow(/zoomLinesearch: needs ctx\.lossAndGrad/);
  });
});

describeOptimizerContract('bfgs', () => bfgs(), {
  solves: [{ ...quadratic, steps: 20 }, { ...illConditionedQuadratic, steps: 70 }, { ...rosenbrock, steps: 100 }],
});
