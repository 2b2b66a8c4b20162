import { describe, expect, it } from 'vitest';
import { decayPerEpoch } from './search';

describe('decayPerEpoch', () => {
  it('takes the rate to lr·ratio at the last epoch', () => {
    // 0.8 per epoch over 12 epochs: the last epoch runs at 0.8^11 ≈ 0.0859 of the first's rate.
    expect(decayPerEpoch(0.8 ** 11, 12)).toBeCloseTo(0.8, 12);
    expect(decayPerEpoch(0.25, 3)).toBeCloseTo(0.5, 12);
  });

  it('keeps the rate for a single epoch', () => {
    expect(decayPerEpoch(0.01, 1)).toBe(1);
  });
});
