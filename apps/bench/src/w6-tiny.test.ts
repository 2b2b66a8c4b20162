import { describe, expect, it } from 'vitest';
import { treeLeaves } from '@nn/core';
import { TINY_PARAMS, measureTogetherAsync, nnTiny, shuffled, stepsPerCall, tinyData, tinyNote } from './w6-tiny';

describe('the W6 set-up', () => {
  it('has 114 parameters: (2·8 + 8) + (8·8 + 8) + (8·2 + 2), as @nn builds the network', () => {
    expect(TINY_PARAMS).toBe(114);
    expect(treeLeaves(nnTiny().params).reduce((n, t) => n + t.size, 0)).toBe(114);
  });

  it('takes ⌈200 / 10⌉ = 20 steps per epoch, and a partial last batch counts as a step', () => {
    expect(stepsPerCall(200, 10, 5)).toBe(100);
    expect(stepsPerCall(205, 10, 1)).toBe(21);
  });

  it('gives 200 points of two classes, 100 each, scaled into a range where tanh does not saturate', () => {
    const { x, y } = tinyData();
    expect(x.length).toBe(400);
    expect(y.filter((c) => c === 1).length).toBe(100);
    expect(Math.max(...x.map(Math.abs))).toBeLessThan(2.5);
    expect(tinyData().x).toEqual(x); // seeded
  });

  it('shuffles into a permutation that depends on the seed', () => {
    const a = shuffled(200, 1);
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(shuffled(200, 1)).toEqual(a);
    expect(shuffled(200, 2)).not.toEqual(a);
  });
});

describe('measureTogetherAsync', () => {
  it('warms each call up, then runs them in rotating rounds until each has its runs', async () => {
    const order: string[] = [];
    const fns = ['a', 'b', 'c'].map((name) => async () => void order.push(name));
    const [a, b, c] = await measureTogetherAsync(fns, { warmup: 1, minMs: 0, minRuns: 2 });
    // warm-up a, b, c; round 0 starts at a, round 1 at b
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'b', 'c', 'a']);
    for (const m of [a, b, c]) {
      expect(m.runs).toBe(2);
      expect(m.medianMs).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('tinyNote', () => {
  it('gives steps/s, ms per step and the ratio to ConvNetJS', () => {
    // 1000 / 20000 = 0.050 ms; 20000 / 40000 = 0.50
    expect(tinyNote(20_000, 40_000, false)).toBe('20,000 steps/s, 0.050 ms/step, 0.50× ConvNetJS');
    expect(tinyNote(40_000, 40_000, true)).toBe('40,000 steps/s, 0.025 ms/step');
    expect(tinyNote(5_000, undefined, false)).toBe('5,000 steps/s, 0.200 ms/step');
  });
});
