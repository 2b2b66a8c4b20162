import { describe, expect, it } from 'vitest';
import { createContentionMonitor } from './contention-monitor';
import { threadHost } from './thread-host.node';

/** A monitor over a meter that reads `free` (undefined the first time, as a real one) and a clock set by hand. */
function monitored(threads: number, readings: (number | undefined)[]) {
  const clock = { ms: 0 };
  let reads = 0;
  const monitor = createContentionMonitor({ threads, meter: () => readings[reads++], now: () => clock.ms });
  return { monitor, clock, reads: () => reads };
}

describe('createContentionMonitor', () => {
  it('keeps the threads while the cores other processes leave hold them all, half a core of slack', () => {
    const { monitor, clock } = monitored(2, [undefined, 2, 1.6, 1.4, 1.9]);
    expect(monitor.crowded()).toBe(false); // no reading yet
    for (const [at, want] of [[250, false], [500, false], [750, true], [1000, false]] as const) {
      clock.ms = at;
      expect(monitor.crowded(), `at ${at} ms`).toBe(want);
    }
  });

  it('reads the meter at most every 250 ms and keeps its verdict in between', () => {
    const { monitor, clock, reads } = monitored(2, [undefined, 0.9, 2]);
    clock.ms = 250;
    expect(monitor.crowded()).toBe(true);
    clock.ms = 499;
    for (let i = 0; i < 100; i++) expect(monitor.crowded()).toBe(true);
    expect(reads()).toBe(2);
    clock.ms = 500;
    expect(monitor.crowded()).toBe(false);
    expect(reads()).toBe(3);
  });

  it('keeps its last verdict when the meter cannot tell', () => {
    const { monitor, clock } = monitored(3, [undefined, 1, undefined]);
    clock.ms = 250;
    expect(monitor.crowded()).toBe(true);
    clock.ms = 500;
    expect(monitor.crowded()).toBe(true);
  });
});

describe("Node's meter of the cores other processes leave free", () => {
  it('says nothing on its first reading, then about every core while this process alone computes', async () => {
    const meter = threadHost.freeCoresMeter!();
    expect(meter()).toBeUndefined();
    const end = performance.now() + 60;
    while (performance.now() < end); // this process's own work does not count against it
    const free = meter()!;
    const cores = (await import('node:os')).cpus().length;
    // other processes (the other test files' workers, say) may take some, but never more than the machine has
    expect(free).toBeLessThanOrEqual(cores + 0.25);
    expect(free).toBeGreaterThanOrEqual(-0.25);
  });

  it('sees a CPU-bound process on one core', async () => {
    const { spawn } = await import('node:child_process');
    const busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 2000; while (Date.now() < end);'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const meter = threadHost.freeCoresMeter!();
      meter();
      await new Promise((resolve) => setTimeout(resolve, 400));
      const cores = (await import('node:os')).cpus().length;
      expect(meter()!).toBeLessThanOrEqual(cores - 0.6);
    } finally {
      busy.kill();
    }
  });
});
