import { describe, expect, it } from 'vitest';
import { STEP_OPTIMIZERS, stepNotes, timesOf } from './w7-optimizer-step';

describe('STEP_OPTIMIZERS', () => {
  it('puts SGD first, the baseline of every ratio', () => {
    expect(STEP_OPTIMIZERS.map((o) => o.name)).toEqual(['sgd 0.05', 'momentum 0.9', 'adam 1e-3', 'rmsprop 1e-3']);
  });
});

describe('stepNotes', () => {
  it("gives each step's ms and its ratio to SGD's, and the update alone", () => {
    // 2.30 / 2.00 = 1.15; 0.60 / 0.20 = 3.00
    expect(stepNotes([2, 2.3, undefined], [0.2, 0.6, undefined])).toEqual([
      '2.00 ms/step; update alone 0.200 ms',
      "2.30 ms/step, 1.15× SGD's; update alone 0.600 ms (3.00× SGD's)",
      '',
    ]);
    expect(timesOf(1, undefined)).toBe('');
  });
});
