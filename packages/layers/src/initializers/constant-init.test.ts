import { ValueError } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { constantInit } from './constant-init';

describe('constantInit', () => {
  it('fills with its value and describes it', () => {
    const init = constantInit(0.1);
    expect(init([2, 2], { dtype: 'float64' })).toBeAllClose([[0.1, 0.1], [0.1, 0.1]]);
    expect(init.description).toEqual({ name: 'constant', config: { value: 0.1 } });
  });

  it('refuses a non-finite value', () => {
    expect(() => constantInit(Number.NaN)).toThrow(ValueError);
  });
});
