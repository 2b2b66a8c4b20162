import { DTypeError, ValueError, grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { leakyRelu, leakyReluActivation } from './leaky-relu';

const x64 = (v: number[]) => tensor(v, undefined, 'float64');

describe('leakyRelu', () => {
  it('is x above 0 and slope·x below, slope = 0.01 by default', () => {
    expect(leakyRelu(tensor([-2, 0, 3]))).toBeAllClose([-0.02, 0, 3]);
    expect(leakyRelu(tensor([-2, 3]), 0.2)).toBeAllClose([-0.4, 3]);
  });

  it('has the analytic gradient away from 0, and slope at 0', () => {
    expectGradClose((x) => sum(mul(leakyRelu(x, 0.2), x64([1, -2, 3]))), x64([-1.5, 0.7, 2]));
    expect(grad((x) => sum(leakyRelu(x)), x64([-1, 0, 1]))).toBeAllClose([0.01, 0.01, 1]);
  });

  it('refuses integer inputs in its own name', () => {
    expect(() => leakyRelu(tensor([1], undefined, 'int32'))).toThrow(DTypeError);
    expect(() => leakyRelu(tensor([1], undefined, 'int32'))).toThrow(/^leakyRelu:/);
  });
});

describe('leakyReluActivation', () => {
  it("is named 'leakyRelu' and keeps the slope in its config", () => {
    expect(leakyReluActivation().config).toEqual({ slope: 0.01 });
    const a = leakyReluActivation({ slope: 0.2 });
    expect([a.name, a.config]).toEqual(['leakyRelu', { slope: 0.2 }]);
    expect(a.apply(tensor([-1]))).toBeAllClose([-0.2]);
  });

  it('refuses a non-finite slope', () => {
    expect(() => leakyReluActivation({ slope: Infinity })).toThrow(ValueError);
  });
});
