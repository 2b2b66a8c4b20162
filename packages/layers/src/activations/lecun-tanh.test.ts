import { grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { lecunTanh, lecunTanhActivation } from './lecun-tanh';

describe('lecunTanh', () => {
  it('is 1.7159·tanh(2x/3), so f(±1) ≈ ±1', () => {
    const f1 = 1.7159 * Math.tanh(2 / 3); // 0.99995
    expect(lecunTanh(tensor([-1, 0, 1]))).toBeAllClose([-f1, 0, f1], { rtol: 1e-6 });
    expect(f1).toBeCloseTo(1, 4);
  });

  it('has the analytic gradient, 1.7159·2/3 ≈ 1.1439 at 0', () => {
    const c = tensor([1, -2, 3], undefined, 'float64');
    expectGradClose((x) => sum(mul(lecunTanh(x), c)), tensor([-1.5, 0.7, 2], undefined, 'float64'));
    expect(grad((x) => sum(lecunTanh(x)), tensor([0], undefined, 'float64'))).toBeAllClose([(1.7159 * 2) / 3]);
  });
});

describe('lecunTanhActivation', () => {
  it("is named 'lecunTanh'", () => {
    const a = lecunTanhActivation();
    expect([a.name, a.config]).toEqual(['lecunTanh', {}]);
    expect(a.apply(tensor([1]))).toBeAllClose([1.7159 * Math.tanh(2 / 3)]);
  });
});
