import { helperThreadFunction } from './helper-thread-source';
import type { ThreadHost } from './thread-protocol';

type WorkerThreads = typeof import('node:worker_threads');
type Builtins = { getBuiltinModule?: (id: string) => unknown };

/** A Node built-in reached through process.getBuiltinModule (Node ≥ 20.16), so that no bundler ever resolves it. */
function builtin<T>(id: string): T | undefined {
  return (globalThis as { process?: Builtins }).process?.getBuiltinModule?.(id) as T | undefined;
}

/** The helper's script: `startHelper` called with the worker's `workerData`. */
const source = `'use strict';
const { workerData } = require('node:worker_threads');
${helperThreadFunction}
startHelper(workerData);
`;

/**
 * The Node form of `#thread-host`: helpers are worker_threads running an inline script (`eval: true`),
 * unref'd so they never keep the process alive. The calling thread may always block in Atomics.wait.
 */
export const threadHost: ThreadHost = {
  kind: 'worker_threads',
  unavailable() {
    if (typeof SharedArrayBuffer !== 'function') return 'this runtime has no SharedArrayBuffer';
    if (builtin<WorkerThreads>('node:worker_threads') === undefined) return 'node:worker_threads is out of reach (process.getBuiltinModule needs Node ≥ 20.16)';
    return undefined;
  },
  cores: () => Math.max(1, builtin<{ availableParallelism?: () => number }>('node:os')?.availableParallelism?.() ?? 1),
  canBlock: () => true,
  startsWhileBlocked: true,
  freeCoresMeter() {
    const os = builtin<{ cpus: () => { times: { user: number; nice: number; sys: number; irq: number } }[] }>('node:os');
    const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
    if (os === undefined || proc?.cpuUsage === undefined) return () => undefined;
    let last: { at: number; busyMs: number; ownMs: number } | undefined;
    return () => {
      // NOTE: os.cpus() lists the machine's cores (all of them, in a container limited to a few): others' load spreads over all.
      const cpus = os.cpus();
      const { user, system } = proc.cpuUsage!();
      const now = { at: performance.now(), busyMs: cpus.reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0), ownMs: (user + system) / 1000 };
      const before = last;
      last = now;
      if (before === undefined || now.at <= before.at) return undefined;
      const others = Math.max(0, now.busyMs - before.busyMs - (now.ownMs - before.ownMs)) / (now.at - before.at);
      return cpus.length - others;
    };
  },
  start(workerData, onError) {
    const { Worker } = builtin<WorkerThreads>('node:worker_threads')!;
    const parent = (globalThis as { process?: { execArgv?: string[] } }).process?.execArgv ?? [];
    const worker = new Worker(source, { eval: true, workerData, execArgv: helperExecArgv(parent) });
    worker.unref();
    worker.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
    return worker;
  },
};

/**
 * The flags a helper is started with, given its parent's: undefined (inherit them all), or none when
 * `--input-type` is among them, under which (`node --input-type=module`) the helper's CommonJS script
 * would not run; the helper needs none of the others (V8's options hold for the whole process). NOTE:
 * not the others passed explicitly: a worker checks flags it is given and refuses V8 options (`node
 * --max-old-space-size=4096`, common with large models), which had left such a process on one thread.
 */
export function helperExecArgv(parent: readonly string[]): string[] | undefined {
  return parent.some((flag) => flag.startsWith('--input-type')) ? [] : undefined;
}
