import { zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { describedInitializer } from './initializer';

describe('describedInitializer', () => {
  it('labels a function with the name and config that rebuild it', () => {
    const init = describedInitializer('ones', { gain: 1 }, (shape) => zeros(shape));
    expect(init.description).toEqual({ name: 'ones', config: { gain: 1 } });
    expect(init([2]).shape).toEqual([2]);
  });
});
