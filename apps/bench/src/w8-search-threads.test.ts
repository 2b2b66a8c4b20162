import { describe, expect, it } from 'vitest';
import { objective } from './search-objective';
import { speedup } from './w8-search-threads';

describe('the W8 objective', () => {
  it('trains a small MLP on two-moons to a low validation error, reproducibly by seed', async () => {
    const params = { lr: 0.1, units: 16, act: 'tanh', momentum: 0.9 } as const;
    const a = await objective(params, { seed: 3 });
    expect(a).toBeLessThan(0.2); // chance is 0.5
    expect(await objective(params, { seed: 3 })).toBe(a);
  });
});

describe('speedup', () => {
  it('is the one-thread time over the time', () => {
    expect(speedup(10, 5.5)).toBe('1.82×');
  });
});
