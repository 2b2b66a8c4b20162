import { ValueError } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { sgd } from '../alias/sgd';
import { illConditionedQuadratic, quadratic } from './problems';
import { lossAndGradAt, trajectory } from './trajectory';

describe('trajectory', () => {
  it('records the params before every step and after the last', () => {
    // Gradient descent on ½·Σ λ_i·w_i² from w = 1: w_i ← (1 − η·λ_i)·w_i, so w_i(t) = (1 − η·λ_i)^t.
    const eta = 1e-3;
    const rows = trajectory(sgd(eta), illConditionedQuadratic, 3);
    const expected = [0, 1, 2, 3].map((t) => illConditionedQuadratic.curvatures.map((l) => (1 - eta * l) ** t));
    expect(rows).toHaveLength(4);
    expect(rows).toBeAllClose(expected, { rtol: 1e-12 });
  });
});

describe('lossAndGradAt', () => {
  it('gives the loss and the flat gradient at plain numbers', () => {
    // At w = 1: f = ½·Σ λ_i, ∇f = λ.
    const ones = illConditionedQuadratic.curvatures.map(() => 1);
    const { loss, grads } = lossAndGradAt(illConditionedQuadratic, ones);
    expect(loss).toBeCloseTo(0.5 * illConditionedQuadratic.curvatures.reduce((a, b) => a + b), 9);
    expect(grads).toBeAllClose(illConditionedQuadratic.curvatures, { rtol: 1e-12 });
    // quadratic at (1, 1): f = ½(1 + 10) = 5.5, ∇f = (1, 10)
    expect(lossAndGradAt(quadratic, [1, 1]).grads).toBeAllClose([1, 10]);
  });

  it('refuses a vector of the wrong length', () => {
    expect(() => lossAndGradAt(quadratic, [1])).toThrow(ValueError);
    expect(() => lossAndGradAt(quadratic, [1])).toThrow(/quadratic has 2 elements, got 1 values/);
  });
});

describe('illConditionedQuadratic', () => {
  it('has curvatures from 1 to 1000 and its minimum 0 at w = 0', () => {
    const l = illConditionedQuadratic.curvatures;
    expect(l).toHaveLength(10);
    expect(l[0]).toBe(1);
    expect(l[9]).toBeCloseTo(1000, 9);
    expect(illConditionedQuadratic.init().w.dtype).toBe('float64');
    expect(lossAndGradAt(illConditionedQuadratic, l.map(() => 0)).loss).toBe(0);
  });
});
