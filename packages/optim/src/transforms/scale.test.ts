import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { scale } from './scale';

describe('scale', () => {
  it('multiplies every gradient by the factor, keeping no state', () => {
    const opt = scale(-1.5);
    const grads = { a: tensor([2, -4]), b: [tensor(1, [], 'float64')] };
    const [u, s] = opt.update(grads, opt.init(grads));
    expect(u.a).toBeAllClose([-3, 6]);
    expect(u.b[0]).toBeAllClose(-1.5);
    expect(u.b[0].dtype).toBe('float64');
    expect(s).toEqual({});
  });

  it('refuses a non-finite factor', () => {
    expect(() => scale(Number.POSITIVE_INFINITY)).toThrow(ValueError);
  });
});
