import { DTypeError, grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { step, stepActivation } from './step';

const x64 = (v: number[]) => tensor(v, undefined, 'float64');

describe('step', () => {
  it('is 1 at or above 0 and 0 below, in the input dtype', () => {
    const y = step(tensor([-2, -1e-9, 0, 0.5, 3]));
    expect(y).toBeAllClose([0, 0, 1, 1, 1]);
    expect(y.dtype).toBe('float32');
  });

  it('has zero gradient everywhere, at the jump too', () => {
    expectGradClose((x) => sum(mul(step(x), x64([1, -2, 3]))), x64([-1.5, 0.7, 2]));
    expect(grad((x) => sum(step(x)), x64([0, -1, 1]))).toBeAllClose([0, 0, 0]);
  });

  it('refuses integer inputs', () => {
    expect(() => step(tensor([1], undefined, 'int32'))).toThrow(DTypeError);
  });
});

describe('stepActivation', () => {
  it("is named 'step' and applies step", () => {
    const a = stepActivation();
    expect([a.name, a.config]).toEqual(['step', {}]);
    expect(a.apply(tensor([-1, 1]))).toBeAllClose([0, 1]);
  });
});
