/**
 * Whether a backend's helper threads are paying their way. After each product split between threads,
 * `record` is told how much work the helpers took (shares × the caller's time per share: what the
 * caller would have spent on them itself) and how long the caller then waited for them. A helper that
 * gets no CPU (another process holds the core) makes the caller wait about as long as doing the work
 * itself would have taken, or longer; one that never wakes takes nothing. When, over a window of
 * products, the helpers saved less than `minGain` of the products' time (what is not measured, the
 * hand-off and the helpers' spinning on a shared core, must be paid from it), the monitor says `solo()`
 * for a while: products run on the
 * calling thread alone, with no split and no hand-off. Then it lets the threads try again, and each
 * window that finds them starved again doubles the pause (up to `maxPauseMs`); a window in which they
 * pay resets it.
 */
export interface StarvationMonitor {
  /** True while products should run on the calling thread alone. */
  solo(): boolean;
  /**
   * One split product of `shares` shares: `helperShares` of them ran on helpers, the caller ran the
   * others at `msPerShare` each, then waited `waitedMs` for the helpers' ones.
   */
  record(shares: number, helperShares: number, msPerShare: number, waitedMs: number): void;
  /** Windows found starved so far (for tests and diagnostics). */
  readonly starvedWindows: number;
}

export interface StarvationMonitorOptions {
  /** Split products per verdict (default 16). */
  readonly window?: number;
  /** The least share of the products' time the helpers must save to keep them (default 0.1). */
  readonly minGain?: number;
  /** The first pause on one thread (default 100 ms). */
  readonly pauseMs?: number;
  /** The longest pause (default 5 s). */
  readonly maxPauseMs?: number;
  /** The clock, in ms (default performance.now). */
  readonly now?: () => number;
}

export function createStarvationMonitor({ window = 16, minGain = 0.1, pauseMs = 100, maxPauseMs = 5000, now = () => performance.now() }: StarvationMonitorOptions = {}): StarvationMonitor {
  let calls = 0;
  /** ms the helpers saved in this window: their shares' worth at the caller's pace, less the caller's waits. */
  let saved = 0;
  /** ms the window's products would have taken on the caller alone. */
  let work = 0;
  let pause = pauseMs;
  let soloUntil = -Infinity;
  let starvedWindows = 0;
  return {
    solo: () => now() < soloUntil,
    record(shares, helperShares, msPerShare, waitedMs) {
      saved += helperShares * msPerShare - waitedMs;
      work += shares * msPerShare;
      if (++calls < window) return;
      if (saved < minGain * work || saved <= 0) {
        starvedWindows++;
        soloUntil = now() + pause;
        pause = Math.min(2 * pause, maxPauseMs);
      } else {
        pause = pauseMs;
      }
      calls = 0;
      saved = 0;
      work = 0;
    },
    get starvedWindows() {
      return starvedWindows;
    },
  };
}
