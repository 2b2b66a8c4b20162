import { describe, expect, it } from 'vitest';
import { cpuBackend, getBackend } from '@nn/core';
import { type Contender, type Context, attemptTogether, attemptWithTfjs, withNnBackend, withNnBackendSync } from './context';
import { planFor } from './plan';

const ctx: Context = { quick: true, plan: planFor(true), nnBackends: [], data: () => Promise.reject(new Error('no data')), progress: () => {} };
const row = (library: string) => ({ workload: 'W1', case: 'n = 8', library, backend: 'js', ours: library === 'ours' }) as const;
const timing = { warmup: 1, minMs: 0, minRuns: 2 };
const toFigure = ({ medianMs, runs }: { medianMs: number; runs: number }) => ({ gflops: 1 / (medianMs + 1), detail: { runs } });

describe('attemptTogether', () => {
  it('times the contenders interleaved, tears each down, and marks the figures as interleaved', async () => {
    const calls: string[] = [];
    const contender = (name: string): Contender => ({
      row: row(name),
      setup: async () => ({ run: () => void calls.push(name), teardown: () => void calls.push(`${name} down`) }),
    });
    const figures = await attemptTogether(ctx, [contender('ours'), contender('peer')], timing, toFigure);
    expect(figures.map((f) => [f.library, f.detail?.runs, f.detail?.interleaved])).toEqual([['ours', 2, true], ['peer', 2, true]]);
    expect(calls).toEqual(['ours', 'peer', 'ours', 'peer', 'peer', 'ours', 'ours down', 'peer down']);
  });

  it("turns a failed set-up into 'n/a' with its reason and still measures the others", async () => {
    const figures = await attemptTogether(ctx, [
      { row: row('broken'), setup: () => Promise.reject(new Error('no SIMD here')) },
      { row: row('ours'), setup: async () => ({ run: () => {} }) },
    ], timing, toFigure);
    expect(figures[0]).toEqual({ ...row('broken'), note: 'no SIMD here' });
    expect(figures[1].gflops).toBeGreaterThan(0);
  });

  it('times each on its own when a timed call throws, so one failing library costs the others nothing', async () => {
    let calls = 0;
    const figures = await attemptTogether(ctx, [
      { row: row('ours'), setup: async () => ({ run: () => void calls++ }) },
      { row: row('flaky'), setup: async () => ({ run: () => { throw new Error('out of memory'); } }) },
    ], timing, toFigure);
    expect(figures[0].gflops).toBeGreaterThan(0);
    expect(figures[0].detail?.interleaved).toBeUndefined();
    expect(figures[1]).toEqual({ ...row('flaky'), note: 'out of memory' });
    expect(calls).toBeGreaterThan(2);
  });
});

describe('attemptWithTfjs', () => {
  const tfjsRow = (backend: 'cpu' | 'wasm') => ({ ...row('tfjs'), backend });
  const ours: Contender[] = [{ row: row('ours'), setup: async () => ({ run: () => {} }) }];

  it('gives @nn\'s figures, then tfjs cpu, then tfjs wasm; only tfjs wasm is timed with @nn', async () => {
    const figures = await attemptWithTfjs(ctx, ours, tfjsRow, (backend) => ({ row: tfjsRow(backend), setup: async () => ({ run: () => {} }) }), timing, toFigure);
    expect(figures.map((f) => `${f.library} ${f.backend}`)).toEqual(['ours js', 'tfjs cpu', 'tfjs wasm']);
    expect(figures.map((f) => f.detail?.interleaved)).toEqual([true, false, true]);
  });

  it('marks both tfjs rows n/a with the reason when tfjs is missing', async () => {
    const figures = await attemptWithTfjs(ctx, ours, tfjsRow, 'tfjs not installed', timing, toFigure);
    expect(figures.slice(1)).toEqual([{ ...tfjsRow('cpu'), note: 'tfjs not installed' }, { ...tfjsRow('wasm'), note: 'tfjs not installed' }]);
    expect(figures[0].gflops).toBeGreaterThan(0);
  });
});

describe('withNnBackend and withNnBackendSync', () => {
  it('run fn with the backend set, and set the CPU backend back, also when fn throws', async () => {
    const other = { ...cpuBackend };
    const b = { name: 'other', backend: other };
    expect(withNnBackendSync(b, () => getBackend())).toBe(other);
    expect(getBackend()).toBe(cpuBackend);
    expect(await withNnBackend(b, async () => getBackend())).toBe(other);
    expect(() => withNnBackendSync(b, () => { throw new Error('boom'); })).toThrow('boom');
    expect(getBackend()).toBe(cpuBackend);
  });
});
