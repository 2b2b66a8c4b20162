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
