/** Timing of one workload: the median of `repeats` timed runs after `warmup` untimed ones. */
export interface Measurement {
  readonly medianMs: number;
  readonly runs: number;
}

/**
 * Runs `fn` until at least `minMs` have passed (and at least 3 times) after warm-up, and returns the
 * median run time: robust to the odd slow run on a shared machine.
 */
export function measure(fn: () => void, { warmup = 2, minMs = 300 }: { warmup?: number; minMs?: number } = {}): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], runs: times.length };
}
