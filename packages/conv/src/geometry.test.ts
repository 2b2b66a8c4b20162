import { describe, expect, it } from 'vitest';
import { convOutputSize } from './geometry';

describe('convOutputSize', () => {
  it('is floor((H + 2p − d(k − 1) − 1) / s) + 1', () => {
    expect(convOutputSize(28, 5, { padding: 2 })).toBe(28); // LeNet's C1
    expect(convOutputSize(14, 5)).toBe(10); // C3
    expect(convOutputSize(10, 2, { stride: 2 })).toBe(5); // S4
    expect(convOutputSize(7, 3, { stride: 2, padding: 1 })).toBe(4); // (7 + 2 − 2 − 1)/2 + 1
    expect(convOutputSize(10, 3, { dilation: 3 })).toBe(4); // span 7
    expect(convOutputSize(6, 2, { stride: 2 })).toBe(3);
    expect(convOutputSize(7, 2, { stride: 2 })).toBe(3); // floor mode drops the last row
  });
});
