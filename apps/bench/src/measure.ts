/** Timing of one workload: the median of the timed runs after `warmup` untimed ones. */
export interface Measurement {
  readonly medianMs: number;
  readonly runs: number;
}

/**
 * Runs `fn` until at least `minMs` have passed (and at least `minRuns` times) after warm-up, and returns
 * the median run time (of two, the slower): robust to the odd slow run on a shared machine.
 */
export function measure(
  fn: () => void,
  { warmup = 2, minMs = 300, minRuns = 3 }: { warmup?: number; minMs?: number; minRuns?: number } = {},
): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < Math.max(1, minRuns) || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], runs: times.length };
}

/**
 * Times several calls in turn, round after round (who goes first rotates), until each has run
 * `minRuns` times and `minMs` per call have passed in all, after `warmup` untimed runs of each; the
 * median of each. Interleaved, a slow spell of a shared machine hits every contender alike, so the
 * ratios between them hold where separate blocks of runs drift by ±30 %.
 */
export function measureTogether(
  fns: readonly (() => void)[],
  { warmup = 2, minMs = 300, minRuns = 3 }: { warmup?: number; minMs?: number; minRuns?: number } = {},
): Measurement[] {
  for (const fn of fns) for (let i = 0; i < warmup; i++) fn();
  const times = fns.map(() => [] as number[]);
  const start = performance.now();
  for (let round = 0; round < Math.max(1, minRuns) || performance.now() - start < minMs * fns.length; round++) {
    for (let j = 0; j < fns.length; j++) {
      const i = (round + j) % fns.length;
      const t0 = performance.now();
      fns[i]();
      times[i].push(performance.now() - t0);
    }
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { medianMs: t[Math.floor(t.length / 2)], runs: t.length };
  });
}
