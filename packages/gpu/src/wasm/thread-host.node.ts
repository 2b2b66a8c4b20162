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
  start(workerData, onError) {
    const { Worker } = builtin<WorkerThreads>('node:worker_threads')!;
    // NOTE: a worker inherits the parent's flags; under `node --input-type=module` the helper's CommonJS script would not run
    const execArgv = (globalThis as { process?: { execArgv?: string[] } }).process?.execArgv?.filter((flag) => !flag.startsWith('--input-type'));
    const worker = new Worker(source, { eval: true, workerData, execArgv });
    worker.unref();
    worker.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
    return worker;
  },
};
