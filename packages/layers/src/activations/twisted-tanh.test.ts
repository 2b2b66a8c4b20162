import { ValueError, grad, mul, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { twistedTanh, twistedTanhActivation } from './twisted-tanh';

const x64 = (v: number[]) => tensor(v, undefined, 'float64');

describe('twistedTanh', () => {
  it('is tanh(x) + a·x, with a = 0.01 by default', () => {
    expect(twistedTanh(x64([1]))).toBeAllClose([Math.tanh(1) + 0.01]); // 0.771594
    expect(twistedTanh(x64([2]), 0.5)).toBeAllClose([Math.tanh(2) + 1]); // 1.964028
  });

  it('has the analytic gradient, which never falls below a', () => {
    expectGradClose((x) => sum(mul(twistedTanh(x, 0.3), x64([1, -2, 3]))), x64([-1.5, 0.7, 2]));
    // 1 − tanh²(20) underflows to 0: what is left is a
    expect(grad((x) => sum(twistedTanh(x)), x64([0, 20]))).toBeAllClose([1.01, 0.01]);
  });
});

describe('twistedTanhActivation', () => {
  it("is named 'twistedTanh' and keeps a in its config", () => {
    expect(twistedTanhActivation().config).toEqual({ a: 0.01 });
    const a = twistedTanhActivation({ a: 0.5 });
    expect([a.name, a.config]).toEqual(['twistedTanh', { a: 0.5 }]);
    expect(a.apply(x64([2]))).toBeAllClose([Math.tanh(2) + 1]);
  });

  it('refuses a non-finite a', () => {
    expect(() => twistedTanhActivation({ a: Number.NaN })).toThrow(ValueError);
  });
});
