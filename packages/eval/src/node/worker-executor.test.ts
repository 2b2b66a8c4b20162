import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ValueError } from '@nn/tensor';
import { inProcessExecutor } from '../search/executor';
import { randomSearch } from '../search/random-search';
import { geneticSearch } from '../search/genetic-search';
import { choice, uniform } from '../search/search-space';
// @ts-expect-error a plain .mjs fixture without types
import * as fixture from './__fixtures__/objective.mjs';
import { workerExecutor } from './worker-executor';

const module = fileURLToPath(new URL('./__fixtures__/objective.mjs', import.meta.url));
const space = { x: uniform(-1, 1), act: choice(['relu', 'tanh']) };
type P = { x: number; act: string };
const strip = (trials: readonly { id: number; params: unknown; score: number | null; status: string; error?: string; seed: number }[]) =>
  trials.map(({ id, params, score, status, error, seed }) => ({ id, params, score, status, error, seed }));

describe('workerExecutor', () => {
  it('gives the in-process results for the same seed, on 2 threads', async () => {
    const pool = workerExecutor({ module, threads: 2 });
    try {
      for (const search of [randomSearch, geneticSearch] as const) {
        const options = { space, trials: 16, seed: 5, batchSize: 2 };
        const threaded = await search({ ...options, executor: pool as never });
        const local = await search({ ...options, executor: inProcessExecutor(fixture.objective as (p: P, c: { seed: number }) => number, { concurrency: 2 }) });
        expect(strip(threaded.trials)).toEqual(strip(local.trials));
        expect(threaded.best?.params).toEqual(local.best?.params);
      }
    } finally {
      await pool.close();
    }
  });

  it('runs trials on both threads', async () => {
    const pool = workerExecutor({ module, exportName: 'whichThread', threads: 2 });
    try {
      const r = await randomSearch({ space, executor: pool as never, trials: 6 });
      const threads = new Set(r.trials.map((t) => t.score));
      expect(threads.size).toBe(2);
      expect(threads.has(0)).toBe(false); // 0 is the main thread
    } finally {
      await pool.close();
    }
  });

  it('records a throwing or NaN objective in a worker as a failed trial', async () => {
    const pool = workerExecutor({ module, exportName: 'flaky', threads: 2 });
    try {
      const r = await randomSearch({ space, executor: pool as never, trials: 12, seed: 1 });
      const thrown = r.trials.find((t) => t.params.x > 0.5)!;
      expect(thrown).toMatchObject({ status: 'failed', score: null });
      expect(thrown.error).toMatch(/^diverged at x = /);
      expect(r.trials.find((t) => t.params.x < -0.5)).toMatchObject({ status: 'failed', error: 'returned NaN' });
      expect(r.trials.filter((t) => Math.abs(t.params.x) <= 0.5).every((t) => t.status === 'ok')).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('fails every trial, naming the export, when the module lacks it', async () => {
    const pool = workerExecutor({ module, exportName: 'nope', threads: 1 });
    try {
      const r = await randomSearch({ space, executor: pool as never, trials: 2 });
      expect(r.trials[0].error).toMatch(/has no function export 'nope' \(found: .*objective/);
    } finally {
      await pool.close();
    }
  });

  it('refuses a missing module and a bad thread count', () => {
    expect(() => workerExecutor({ module: '/no/such/objective.mjs', threads: 1 })).toThrow(
      new ValueError('workerExecutor', 'the objective module /no/such/objective.mjs does not exist'),
    );
    expect(() => workerExecutor({ module, threads: 0 })).toThrow(new ValueError('workerExecutor', 'threads must be a positive integer, got 0'));
  });
});
