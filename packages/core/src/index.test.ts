import { describe, expect, it } from 'vitest';
import * as core from './index';
import * as tensorPackage from '@nn/tensor';

describe('@nn/core', () => {
  it('re-exports every export of @nn/tensor', () => {
    for (const name of Object.keys(tensorPackage)) {
      expect(core[name as keyof typeof core], name).toBe(tensorPackage[name as keyof typeof tensorPackage]);
    }
  });
});
