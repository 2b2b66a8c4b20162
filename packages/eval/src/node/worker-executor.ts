import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValueError } from '@nn/tensor';
import Tinypool from 'tinypool';
import type { Executor } from '../search/executor';

export interface WorkerExecutorOptions {
  /**
   * The module that exports the objective: a path (relative to the working directory) or a URL. It
   * is imported in each worker thread, so it must be JavaScript Node can load (build TypeScript first).
   */
  readonly module: string | URL;
  /** The name of the objective's export: `(params, { trial, seed }) => number | Promise<number>`. Default 'objective'. */
  readonly exportName?: string;
  /** Worker threads, one trial each at a time. Default: every core (`os.availableParallelism()`). */
  readonly threads?: number;
}

/**
 * Runs trials on a pool of worker threads (tinypool): each thread imports `module` once and calls its
 * `exportName` export for each trial it gets. Parameters, seed and score cross threads as structured
 * clones, so trials give what `inProcessExecutor` gives on the main thread for the same seed. Call
 * `close()` when done, or the threads keep the process alive.
 */
export function workerExecutor({ module, exportName = 'objective', threads = availableParallelism() }: WorkerExecutorOptions): Executor & {
  close(): Promise<void>;
} {
  const op = 'workerExecutor';
  if (!Number.isInteger(threads) || threads < 1) throw new ValueError(op, `threads must be a positive integer, got ${threads}`);
  const url = typeof module !== 'string' ? module.href : /^(file|data|https?):/.test(module) ? module : pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
  if (url.startsWith('file:') && !existsSync(new URL(url))) throw new ValueError(op, `the objective module ${String(module)} does not exist`);
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    isolateWorkers: false,
  });
  return {
    concurrency: threads,
    run: (spec) => pool.run({ module: url, exportName, spec }),
    close: () => pool.destroy(),
  };
}

/** src/trial-worker.js from the sources (src/node/), dist/trial-worker.js from the bundle (dist/). */
function workerFile(): string {
  const here = import.meta.url;
  return new URL(/\/src\/node\/[^/]+$/.test(here) ? '../trial-worker.js' : './trial-worker.js', here).href;
}
