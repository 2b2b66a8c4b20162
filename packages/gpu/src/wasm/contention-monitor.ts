/**
 * Whether other processes hold the cores a backend's threads would split products over. Every
 * `intervalMs` it reads `meter`: the cores other processes left to this one since its last reading
 * (Node: the machine's cores less the CPU time `os.cpus()` counts beyond this process's
 * `process.cpuUsage()`). While that is fewer than `threads` cores, with half a core of slack, the
 * machine is `crowded()` and products should run on the calling thread alone until the next reading. This is the end-to-end signal the
 * starvation monitor cannot see: with a CPU-bound process on one of two cores, a helper takes its
 * share and the caller hardly waits for it, yet every product is slower, since three runnable
 * threads share two cores and the scheduler's fairness hands the caller's core to the other process.
 */
export interface ContentionMonitor {
  crowded(): boolean;
}

export interface ContentionMonitorOptions {
  /** Threads a split product uses (the caller and its helpers). */
  readonly threads: number;
  /** The cores other processes left free since the last call (in cores' worth of CPU time); undefined when unknown (the first call). */
  readonly meter: () => number | undefined;
  /** How often the meter is read (default 250 ms: os.cpus() costs ~80 µs, and its counters tick every 10 ms). */
  readonly intervalMs?: number;
  /** The clock, in ms (default performance.now). */
  readonly now?: () => number;
}

export function createContentionMonitor({ threads, meter, intervalMs = 250, now = () => performance.now() }: ContentionMonitorOptions): ContentionMonitor {
  let next = now() + intervalMs;
  let crowded = false;
  meter();
  return {
    crowded() {
      const t = now();
      if (t < next) return crowded;
      next = t + intervalMs;
      const free = meter();
      if (free !== undefined) crowded = free < threads - 0.5;
      return crowded;
    },
  };
}
