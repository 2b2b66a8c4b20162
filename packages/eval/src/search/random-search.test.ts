import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { inProcessExecutor } from './executor';
import { randomSearch } from './random-search';
import { choice, logUniform, uniform } from './search-space';
import { parseTrialLog, trialLogLine } from './trial-log';
import type { Trial } from './trial';

const space = { x: uniform(-2, 2), lr: logUniform(1e-3, 1), act: choice(['relu', 'tanh']) };
const objective = ({ x, lr, act }: { x: number; lr: number; act: string }) => (x - 0.5) ** 2 + Math.abs(Math.log10(lr) + 2) + (act === 'tanh' ? 0 : 0.1);

describe('randomSearch', () => {
  it('runs every trial and reports the best (lowest) one', async () => {
    const r = await randomSearch({ space, objective, trials: 40, seed: 1 });
    expect(r.trials.map((t) => t.id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const scores = r.trials.map((t) => t.score as number);
    expect(r.best?.score).toBe(Math.min(...scores));
    expect(r.best?.score).toBe(objective(r.best!.params as never));
  });

  it('maximizes with mode: max', async () => {
    const r = await randomSearch({ space, objective, trials: 20, seed: 1, mode: 'max' });
    expect(r.best?.score).toBe(Math.max(...r.trials.map((t) => t.score as number)));
  });

  it('is reproducible by seed, and differs across seeds', async () => {
    const a = await randomSearch({ space, objective, trials: 10, seed: 7 });
    const b = await randomSearch({ space, objective, trials: 10, seed: 7 });
    const c = await randomSearch({ space, objective, trials: 10, seed: 8 });
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    expect(b.trials.map((t) => t.seed)).toEqual(a.trials.map((t) => t.seed));
    expect(c.trials[0].params).not.toEqual(a.trials[0].params);
  });

  it('records a trial that throws or returns NaN as failed and goes on', async () => {
    const flaky = (p: { x: number }, { trial }: { trial: number }) => {
      if (trial === 1) throw new Error('diverged');
      return trial === 2 ? NaN : p.x;
    };
    const r = await randomSearch({ space, objective: flaky, trials: 5, seed: 2 });
    expect(r.trials[1]).toMatchObject({ status: 'failed', score: null, error: 'diverged' });
    expect(r.trials[2]).toMatchObject({ status: 'failed', score: null, error: 'returned NaN' });
    expect(r.trials.filter((t) => t.status === 'ok')).toHaveLength(3);
    expect(r.best?.status).toBe('ok');
  });

  it('gives the same trials whatever the concurrency (proposals do not depend on results)', async () => {
    const slow = async (p: { x: number }, { trial }: { trial: number }) => {
      await new Promise((done) => setTimeout(done, (7 * trial) % 5));
      return p.x;
    };
    const one = await randomSearch({ space, objective: slow, trials: 12, seed: 3 });
    const three = await randomSearch({ space, executor: inProcessExecutor(slow, { concurrency: 3 }), trials: 12, seed: 3 });
    expect(three.trials.map((t) => [t.id, t.params, t.score, t.seed])).toEqual(one.trials.map((t) => [t.id, t.params, t.score, t.seed]));
  });

  it('lets a free thread take the next trial instead of waiting for the longest of a batch', async () => {
    // Trial 0 finishes only once trials 1 and 2 have: with batches of `concurrency` proposals, trial 2
    // would wait for trial 0 and this would never resolve.
    const started: number[] = [];
    let releaseFirst: () => void = () => {};
    const firstDone = new Promise<void>((resolve) => { releaseFirst = resolve; });
    const executor = {
      concurrency: 2,
      async run({ id }: { id: number }) {
        started.push(id);
        if (id === 0) await firstDone;
        if (id === 2) releaseFirst();
        return id;
      },
    };
    const result = await randomSearch({ space, executor, trials: 4, seed: 1 });
    expect(started).toEqual([0, 1, 2, 3]);
    expect(result.trials.map((t) => t.score)).toEqual([0, 1, 2, 3]);
  });

  it('calls onTrial once per new trial, in id order, with the best so far', async () => {
    const seen: string[] = [];
    await randomSearch({
      space, trials: 4, seed: 1, objective: (p) => p.x,
      onTrial: (t, { done, total, best }) => seen.push(`${t.id} ${done}/${total} ${best!.score! <= t.score!}`),
    });
    expect(seen).toEqual(['0 1/4 true', '1 2/4 true', '2 3/4 true', '3 4/4 true']);
  });

  it('resumes from its JSON-lines log: replays the logged trials and runs only the rest', async () => {
    let log = '';
    const calls: number[] = [];
    const counted = (p: { x: number }, { trial }: { trial: number }) => {
      calls.push(trial);
      return p.x;
    };
    const full = await randomSearch({ space, objective: (p) => p.x, trials: 8, seed: 4 });
    await randomSearch({ space, objective: counted, trials: 5, seed: 4, onTrial: (t) => { log += trialLogLine(t); } });
    calls.length = 0;
    const resumed = await randomSearch({ space, objective: counted, trials: 8, seed: 4, resume: parseTrialLog(log) });
    expect(calls).toEqual([5, 6, 7]);
    expect(resumed.trials.map((t) => [t.params, t.score])).toEqual(full.trials.map((t) => [t.params, t.score]));
  });

  it('refuses a log from another search', async () => {
    const other: Trial[] = [{ id: 0, params: { x: 0, lr: 0.1, act: 'relu' }, score: 1, status: 'ok', seed: 1, seconds: 0 }];
    await expect(randomSearch({ space, objective, trials: 3, seed: 4, resume: other })).rejects.toThrow(/the resumed log does not match this search: trial 0/);
  });

  it('refuses bad options with a ValueError naming the search', async () => {
    await expect(randomSearch({ space, objective, trials: 0 })).rejects.toThrow(
      new ValueError('randomSearch', 'expected a positive integer number of trials, got 0'),
    );
    await expect(randomSearch({ space, trials: 3 })).rejects.toThrow(new ValueError('randomSearch', 'expected an objective or an executor, got neither'));
    await expect(randomSearch({ space: { a: { kind: 'uniform', lo: 1, hi: 0 } }, objective: () => 0, trials: 3 })).rejects.toThrow(ValueError);
  });
});
