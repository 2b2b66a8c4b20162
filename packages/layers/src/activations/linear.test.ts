import { grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { linear, linearActivation } from './linear';

describe('linear', () => {
  it('is the identity, with derivative 1', () => {
    expect(linear(tensor([-2, 0, 3]))).toBeAllClose([-2, 0, 3]);
    const c = tensor([1, -2, 3], undefined, 'float64');
    expectGradClose((x) => sum(mul(linear(x), c)), tensor([-1.5, 0.7, 2], undefined, 'float64'));
    expect(grad((x) => sum(linear(x)), tensor([0], undefined, 'float64'))).toBeAllClose([1]);
  });
});

describe('linearActivation', () => {
  it("is named 'linear'", () => {
    const a = linearActivation();
    expect([a.name, a.config]).toEqual(['linear', {}]);
    expect(a.apply(tensor([4]))).toBeAllClose([4]);
  });
});
