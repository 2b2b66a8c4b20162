import { describe, expect, it } from 'vitest';
import type { Context } from './context';
import { planFor } from './plan';
import type { Trainer } from './train';
import { trainTogether } from './train-together';

const lines: string[] = [];
const ctx: Context = { quick: true, plan: planFor(true), nnBackends: [], data: () => Promise.reject(new Error('no data')), progress: (line) => void lines.push(line) };
const row = (library: string) => ({ workload: 'W2', case: 'MLP', library, backend: 'wasm', ours: library === '@nn' }) as const;
const plan = { warmup: 2, timed: 3, accuracyEpochs: 0 };
const figureOf = ({ samplesPerSecond, detail }: { samplesPerSecond: number; detail: Record<string, number> }) => ({ samplesPerSecond, detail });

/** A trainer that logs its passes (and fails on pass `failAt`, counted from 1). */
function trainer(name: string, log: string[], failAt = Infinity): Trainer {
  let passes = 0;
  return {
    epoch(count) {
      if (++passes === failAt) throw new Error(`${name} ran out of memory`);
      log.push(`${name} ${count}`);
    },
  };
}

describe('trainTogether', () => {
  it('times the contenders that set up interleaved, and gives the one that did not an n/a row with its reason', async () => {
    const log: string[] = [];
    const figures = await trainTogether(ctx, 'W2 MLP', [
      { row: row('@nn'), plan, setup: async () => trainer('nn', log) },
      { row: row('broken'), plan, setup: () => Promise.reject(new Error('no SIMD here')) },
      { row: row('tfjs'), plan, setup: async () => trainer('tfjs', log) },
    ], 2, figureOf);
    expect(log).toEqual(['nn 2', 'tfjs 2', 'nn 3', 'tfjs 3', 'tfjs 3', 'nn 3']);
    const [ours, broken, peer] = [...figures.entries()].sort(([a], [b]) => a.library.localeCompare(b.library)).map(([, f]) => f);
    expect(ours.samplesPerSecond).toBeGreaterThan(0);
    expect(ours.detail).toMatchObject({ rounds: 2, interleaved: 1 });
    expect(broken).toEqual({ ...row('broken'), note: 'no SIMD here' });
    expect(peer.samplesPerSecond).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^W2 MLP · tfjs wasm: \d+ samples\/s \(median of 2 interleaved passes\)$/);
  });

  it('times each contender in a pass of its own when the interleaved run fails, so that one failing library costs the others nothing', async () => {
    const log: string[] = [];
    const nn = row('@nn');
    const flaky = row('flaky');
    const figures = await trainTogether(ctx, 'W2 MLP', [
      { row: nn, plan, setup: async () => trainer('nn', log) },
      // fails in its first timed pass, and in every pass of the trainer set up again
      { row: flaky, plan, setup: async () => trainer('flaky', log, 1) },
    ], 2, figureOf);
    expect(figures.get(nn)!.samplesPerSecond).toBeGreaterThan(0);
    expect(figures.get(nn)!.detail).not.toHaveProperty('interleaved');
    expect(figures.get(flaky)).toEqual({ ...flaky, note: 'flaky ran out of memory' });
    expect(lines.some((l) => l.startsWith('W2 MLP · the interleaved run failed (flaky ran out of memory)'))).toBe(true);
  });
});
