import { mul, randn, createRng, sum, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { softmaxActivation } from './softmax';

describe('softmaxActivation', () => {
  const { name, config, apply } = softmaxActivation();

  it("is named 'softmax' and normalizes each row (the last axis)", () => {
    expect([name, config]).toEqual(['softmax', {}]);
    // e^[1,2,3] / (e + e² + e³) = [0.090031, 0.244728, 0.665241]
    const y = apply(tensor([[1, 2, 3], [1000, 1000, 1000]]));
    expect(y).toBeAllClose([[0.090031, 0.244728, 0.665241], [1 / 3, 1 / 3, 1 / 3]], { rtol: 1e-5 });
  });

  it('has the analytic gradient yᵢ(δᵢⱼ − yⱼ)', () => {
    const rng = createRng(4);
    const c = randn([2, 3], { rng, dtype: 'float64' });
    expectGradClose((x) => sum(mul(apply(x), c)), randn([2, 3], { rng, dtype: 'float64' }));
  });
});
