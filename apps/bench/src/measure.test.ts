import { describe, expect, it } from 'vitest';
import { measure } from './measure';

describe('measure', () => {
  it('warms up, then times at least three runs and reports their median', () => {
    let calls = 0;
    const m = measure(() => void calls++, { warmup: 2, minMs: 0 });
    expect(m.runs).toBeGreaterThanOrEqual(3);
    expect(calls).toBe(m.runs + 2);
    expect(m.medianMs).toBeGreaterThanOrEqual(0);
  });

  it('takes fewer runs when told', () => {
    let calls = 0;
    const m = measure(() => void calls++, { warmup: 1, minMs: 0, minRuns: 2 });
    expect(m.runs).toBe(2);
    expect(calls).toBe(3);
  });
});
