import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBusyProcess } from './busy';

/** CPU ticks (user + system) a Linux process has used, from /proc/<pid>/stat (fields 14 and 15). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe('startBusyProcess (--busy)', () => {
  it('starts a child that burns CPU until stopped, then is gone', async () => {
    const busy = startBusyProcess();
    expect(busy.pid).toBeGreaterThan(0);
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(() => process.kill(busy.pid, 0)).not.toThrow();
      // NOTE: Linux only; elsewhere it is enough that the child is alive.
      if (existsSync(`/proc/${busy.pid}/stat`)) {
        const before = cpuTicks(busy.pid);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(cpuTicks(busy.pid)).toBeGreaterThan(before);
      }
    } finally {
      await busy.stop();
    }
    expect(() => process.kill(busy.pid, 0)).toThrow();
  });
});
