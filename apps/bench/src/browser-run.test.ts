import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserOptions, runBrowserBench } from './browser-run';
import { parseFlags } from './flags';
import { planFor } from './plan';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('browserOptions', () => {
  it('measures W2 with the Node run\'s samples (no accuracy run) and gives gpu.js a tenth, in whole batches', () => {
    // --quick: 640 warm-up + 1,920 timed samples (plan.ts); a tenth, rounded to batches of 64: 64 + 192
    expect(browserOptions(planFor(true), ['W2', 'W4'])).toEqual({
      workloads: ['W2', 'W4'],
      train: { warmup: 640, timed: 1920, accuracyEpochs: 0 },
      trainGpu: { warmup: 64, timed: 192, accuracyEpochs: 0 },
      minMs: 250,
      minRuns: 2,
      trainSamples: 1920,
    });
    const full = browserOptions(planFor(false), ['W4']);
    expect(full.workloads).toEqual(['W4']);
    expect(full.train.accuracyEpochs).toBe(0);
    expect(full.trainSamples).toBe(Math.max(full.train.warmup, full.train.timed));
  });

  it('keeps only W2 and W4, the workloads the page has', () => {
    expect(browserOptions(planFor(true), ['W1', 'W3', 'W5']).workloads).toEqual([]);
  });
});

describe('runBrowserBench', () => {
  it('says why and returns 2 where there is no Chromium', async () => {
    vi.stubEnv('NN_CHROMIUM', '/nonexistent/chromium');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runBrowserBench(parseFlags(['--browser', '--quick']), planFor(true))).toBe(2);
    expect(error.mock.calls).toEqual([['bench --browser: NN_CHROMIUM is set to /nonexistent/chromium, which is not an executable file']]);
  });

  it('says what it runs and returns 2 when --only names neither W2 nor W4', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('NN_CHROMIUM', process.execPath); // any executable: the run stops before launching it
    expect(await runBrowserBench(parseFlags(['--browser', '--only', 'W1']), planFor(true))).toBe(2);
    expect(error.mock.calls).toEqual([['bench --browser runs W2 and W4 only: --only named neither']]);
  });
});
