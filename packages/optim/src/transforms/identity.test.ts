import { tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { identity } from './identity';

describe('identity', () => {
  it('passes the gradients through', () => {
    const grads = { a: tensor([2, -4]) };
    const [u, s] = identity().update(grads, {});
    expect(u).toBe(grads);
    expect(s).toEqual({});
  });
});
