import { describe, expect, it } from 'vitest';
import { createStarvationMonitor } from './starvation-monitor';

describe('createStarvationMonitor', () => {
  const setup = () => {
    let clock = 0;
    const monitor = createStarvationMonitor({ window: 4, pauseMs: 100, maxPauseMs: 300, now: () => clock });
    return { monitor, advance: (ms: number) => (clock += ms) };
  };

  it('keeps the threads while the helpers save more than the caller waits', () => {
    const { monitor } = setup();
    // each call: 2 shares of 2 ms, 1 on a helper, and the caller waited 0.5 ms for it → 1.5 ms saved of 4 (37 %)
    for (let i = 0; i < 40; i++) monitor.record(2, 1, 2, 0.5);
    expect(monitor.solo()).toBe(false);
    expect(monitor.starvedWindows).toBe(0);
  });

  it('goes solo after a window where the waits cost more than the helpers saved, then tries again', () => {
    const { monitor, advance } = setup();
    // a helper preempted in its share: 1 share worth 2 ms, waited 5 ms (−3 ms a call)
    for (let i = 0; i < 4; i++) monitor.record(2, 1, 2, 5);
    expect(monitor.solo()).toBe(true);
    advance(99);
    expect(monitor.solo()).toBe(true);
    advance(1);
    expect(monitor.solo()).toBe(false); // 100 ms later the threads get another window
  });

  it('counts a window in which no helper took a share (they never woke) as starved', () => {
    const { monitor } = setup();
    for (let i = 0; i < 4; i++) monitor.record(2, 0, 2, 0);
    expect(monitor.solo()).toBe(true);
  });

  it('judges the window as a whole: one slow call among good ones does not stop the threads', () => {
    const { monitor } = setup();
    // saved 2 + 2 + 2 − 3 = 3 ms of 4 × 4 = 16 ms of work (19 % ≥ 10 %)
    monitor.record(2, 1, 2, 0);
    monitor.record(2, 1, 2, 5);
    monitor.record(2, 1, 2, 0);
    monitor.record(2, 1, 2, 0);
    expect(monitor.solo()).toBe(false);
  });

  it('stops the threads when they save less than a tenth of the products\' time (the hand-off is not free)', () => {
    const { monitor } = setup();
    // saved 2 − 1.7 = 0.3 ms of 4 ms a call (7.5 %)
    for (let i = 0; i < 4; i++) monitor.record(2, 1, 2, 1.7);
    expect(monitor.solo()).toBe(true);
  });

  it('doubles the pause while the helpers stay starved, up to the maximum, and resets it once they pay', () => {
    const { monitor, advance } = setup();
    const starvedWindow = () => {
      for (let i = 0; i < 4; i++) monitor.record(2, 1, 1, 3);
    };
    const pauseLength = () => {
      let ms = 0;
      while (monitor.solo()) {
        advance(10);
        ms += 10;
      }
      return ms;
    };
    starvedWindow();
    expect(pauseLength()).toBe(100);
    starvedWindow();
    expect(pauseLength()).toBe(200);
    starvedWindow();
    expect(pauseLength()).toBe(300); // 400 capped at 300
    for (let i = 0; i < 4; i++) monitor.record(2, 1, 2, 0); // a window that pays
    starvedWindow();
    expect(pauseLength()).toBe(100);
    expect(monitor.starvedWindows).toBe(4);
  });
});
