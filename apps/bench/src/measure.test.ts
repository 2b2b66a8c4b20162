import { describe, expect, it } from 'vitest';
import { measure, measureTogether } from './measure';

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

describe('measureTogether', () => {
  it('warms each call up, then runs them in turn, rotating who goes first, and gives each its median', () => {
    const order: string[] = [];
    const m = measureTogether([() => void order.push('a'), () => void order.push('b'), () => void order.push('c')], { warmup: 1, minMs: 0, minRuns: 3 });
    expect(order.slice(0, 3)).toEqual(['a', 'b', 'c']); // the warm-up
    expect(order.slice(3)).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(m.map((x) => x.runs)).toEqual([3, 3, 3]);
    expect(m.every((x) => x.medianMs >= 0)).toBe(true);
  });

  it('keeps going until minMs per call have passed in all', () => {
    const m = measureTogether([() => {}, () => {}], { warmup: 0, minMs: 5, minRuns: 1 });
    expect(m[0].runs).toBeGreaterThan(1);
    expect(m[0].runs).toBe(m[1].runs);
  });
});
