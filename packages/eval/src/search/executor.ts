import type { Objective, TrialSpec } from './trial';

/**
 * Runs one trial somewhere — this thread, a worker thread, another machine — and resolves to the
 * objective's value. A rejection fails the trial (the search goes on). Searches keep at most
 * `concurrency` trials in flight on one executor.
 */
export interface Executor<P = Record<string, unknown>> {
  readonly concurrency: number;
  run(spec: TrialSpec<P>): Promise<number>;
  /** Releases threads or connections; a search never calls it (the executor may serve several searches). */
  close?(): Promise<void>;
}

/** Runs each trial by calling `objective` on this thread, `concurrency` at a time (useful for async objectives). */
export function inProcessExecutor<P>(objective: Objective<P>, { concurrency = 1 }: { readonly concurrency?: number } = {}): Executor<P> {
  return {
    concurrency,
    run: async ({ id, params, seed }) => objective(params, { trial: id, seed }),
  };
}
