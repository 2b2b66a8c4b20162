import { describe, expect, it } from 'vitest';
import { cubicMinimizer } from './strong-wolfe';

describe('cubicMinimizer', () => {
  it('finds the minimum of a quadratic exactly', () => {
    // φ(t) = (1 − 3t)²: φ(0) = 1, φ'(0) = −6, φ(1) = 4, φ'(1) = 12. d1 = −6 + 12 − 3·(1 − 4)/(0 − 1) = −3,
    // d2 = √(9 + 72) = 9, t = 1 − (12 + 9 + 3)/(12 + 6 + 18) = 1/3
    expect(cubicMinimizer(0, 1, -6, 1, 4, 12)).toBeCloseTo(1 / 3, 14);
    expect(cubicMinimizer(1, 4, 12, 0, 1, -6)).toBeCloseTo(1 / 3, 14);
  });
  it('clamps to the bounds', () => expect(cubicMinimizer(0, 1, -0.1, 1, 0.9025, -0.095, [1.01, 10])).toBe(10));
});
