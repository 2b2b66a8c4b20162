import { describe, expect, it } from 'vitest';
import { type Trainer, runTrainingTogether } from './train';

/** A trainer whose passes take `msPerSample` each on the fake clock, and that logs its calls. */
function fakeTrainer(name: string, msPerSample: readonly number[], clock: { t: number }, log: string[]): Trainer & { disposed: boolean } {
  let pass = 0;
  const trainer = {
    disposed: false,
    epoch(count: number, seed: number) {
      log.push(`${name} ${count} seed ${seed}`);
      clock.t += count * msPerSample[Math.min(pass++, msPerSample.length - 1)];
    },
    dispose() {
      trainer.disposed = true;
    },
  };
  return trainer;
}

describe('runTrainingTogether', () => {
  it('warms each trainer up, then times a pass of each in turn, the first rotating, and gives the median of each', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    // a's passes: warm-up, then 1, 4, 2 ms a sample (rates 1000, 250, 500: median 500); b's: 10 ms a sample throughout (100)
    const a = fakeTrainer('a', [9, 1, 4, 2], clock, log);
    const b = fakeTrainer('b', [10], clock, log);
    const results = await runTrainingTogether([
      { trainer: a, plan: { warmup: 5, timed: 20, accuracyEpochs: 0 } },
      { trainer: b, plan: { warmup: 3, timed: 4, accuracyEpochs: 0 } },
    ], { rounds: 3, now: () => clock.t });
    expect(log).toEqual(['a 5 seed 1', 'b 3 seed 1', 'a 20 seed 2', 'b 4 seed 2', 'b 4 seed 3', 'a 20 seed 3', 'a 20 seed 4', 'b 4 seed 4']);
    expect(results.map((r) => r.samplesPerSecond)).toEqual([500, 100]);
    expect(results[0].detail).toEqual({ warmupSamples: 5, timedSamples: 20, rounds: 3, interleaved: 1 });
    expect(a.disposed && b.disposed).toBe(true);
  });

  it('trains on to the plan\'s accuracy epochs, counting the timed passes, and gives the test accuracy', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const a = Object.assign(fakeTrainer('a', [1], clock, log), { accuracy: () => 0.875 });
    const b = Object.assign(fakeTrainer('b', [1], clock, log), { accuracy: () => 0.5 });
    const results = await runTrainingTogether([
      // 8,000 + 2 × 8,000 samples: 3 epochs of the 8,000 done, 2 more to 5
      { trainer: a, plan: { warmup: 8000, timed: 8000, accuracyEpochs: 5 } },
      // no accuracy run
      { trainer: b, plan: { warmup: 10, timed: 10, accuracyEpochs: 0 } },
    ], { rounds: 2, now: () => clock.t });
    expect(log.slice(6)).toEqual(['a 8000 seed 7', 'a 8000 seed 8']);
    expect(results[0]).toMatchObject({ accuracy: 0.875, detail: { accuracyEpochs: 5, rounds: 2 } });
    expect(results[1].accuracy).toBeUndefined();
    expect(a.disposed && b.disposed).toBe(true);
  });

  it('disposes every trainer when one fails, and passes the error on', async () => {
    const clock = { t: 0 };
    const ok = fakeTrainer('ok', [1], clock, []);
    const failing: Trainer & { disposed?: boolean } = { epoch: () => { throw new Error('out of memory'); }, dispose: () => void (failing.disposed = true) };
    await expect(runTrainingTogether([
      { trainer: ok, plan: { warmup: 1, timed: 1, accuracyEpochs: 0 } },
      { trainer: failing, plan: { warmup: 1, timed: 1, accuracyEpochs: 0 } },
    ], { rounds: 2, now: () => clock.t })).rejects.toThrow('out of memory');
    expect(ok.disposed && failing.disposed).toBe(true);
  });
});
