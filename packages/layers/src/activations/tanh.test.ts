import { DTypeError, grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { tanhActivation } from './tanh';

describe('tanhActivation', () => {
  const { name, config, apply } = tanhActivation();

  it("is named 'tanh' and computes tanh", () => {
    expect([name, config]).toEqual(['tanh', {}]);
    expect(apply(tensor([-1, 0, 1]))).toBeAllClose([-0.761594, 0, 0.761594], { rtol: 1e-5 });
  });

  it('has the analytic gradient 1 − tanh²', () => {
    const c = tensor([1, -2, 3], undefined, 'float64');
    expectGradClose((x) => sum(mul(apply(x), c)), tensor([-1.5, 0.7, 2], undefined, 'float64'));
    expect(grad((x) => sum(apply(x)), tensor([0], undefined, 'float64'))).toBeAllClose([1]);
  });

  it('names itself when refusing an integer input', () => {
    expect(() => apply(tensor([1], undefined, 'int32'))).toThrow(DTypeError);
    expect(() => apply(tensor([1], undefined, 'int32'))).toThrow(/^tanh:/);
  });
});
