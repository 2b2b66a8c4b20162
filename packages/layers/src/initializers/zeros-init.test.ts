import { describe, expect, it } from 'vitest';
import { zerosInit } from './zeros-init';

describe('zerosInit', () => {
  it('fills with 0 in the requested dtype', () => {
    const b = zerosInit([3], { dtype: 'float64' });
    expect(b.dtype).toBe('float64');
    expect(b).toBeAllClose([0, 0, 0]);
    expect(zerosInit([2, 2]).dtype).toBe('float32');
    expect(zerosInit.description).toEqual({ name: 'zeros', config: {} });
  });
});
