import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What the figures were measured on: they only compare within one run on one machine. */
export interface Machine {
  readonly date: string;
  readonly nproc: number;
  readonly cpu: string;
  readonly node: string;
  readonly platform: string;
  /** 1, 5 and 15-minute load averages when the run started: a busy machine slows every library. */
  readonly loadAverage: readonly number[];
}

export function describeMachine(): Machine {
  return {
    date: new Date().toISOString(),
    nproc: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    cpu: cpuModel(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** 'model name' from /proc/cpuinfo (Linux), else what Node reports. */
export function cpuModel(cpuinfo?: string): string {
  try {
    const text = cpuinfo ?? readFileSync('/proc/cpuinfo', 'utf8');
    const line = text.split('\n').find((l) => /^model name\s*:/.test(l));
    if (line !== undefined) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}
