import { ValueError, createRng } from '@nn/tensor';
import { type Executor, inProcessExecutor } from './executor';
import { type ParamsOf, type SearchSpace, checkSpace, isPointOf } from './search-space';
import { type Objective, type SearchMode, type Trial, bestTrial } from './trial';

/** What every search takes. Give either `objective` (run on this thread) or `executor`. */
export interface SearchOptions<S extends SearchSpace> {
  readonly space: S;
  /** Scored on a validation set or by cross-validation — never on the test set, or the test error stops being an estimate. */
  readonly objective?: Objective<ParamsOf<S>>;
  readonly executor?: Executor<ParamsOf<S>>;
  /** Default 'min' (an error or a loss). */
  readonly mode?: SearchMode;
  /** Every proposal and trial seed follows from it. Default 0. */
  readonly seed?: number;
  /**
   * Trials proposed together and run in parallel before the next proposal looks at their results.
   * Default: the executor's concurrency for genetic and Bayesian search, which depend on it (keep it
   * fixed to reproduce a search); every trial at once for random and grid search, whose trials do not.
   */
  readonly batchSize?: number;
  /** Trials of an earlier run of the same search (`parseTrialLog`): replayed, not re-run. */
  readonly resume?: readonly Trial[];
  /** Called after each new trial (not replayed ones), in id order, e.g. to append it to a log or print progress. */
  readonly onTrial?: (trial: Trial<ParamsOf<S>>, progress: SearchProgress<ParamsOf<S>>) => void;
}

export interface SearchProgress<P> {
  readonly done: number;
  readonly total: number;
  readonly best: Trial<P> | undefined;
}

export interface SearchResult<P> {
  /** Every trial in id order, failed ones included. */
  readonly trials: Trial<P>[];
  /** The best successful trial (undefined when all failed). */
  readonly best: Trial<P> | undefined;
  readonly mode: SearchMode;
}

/**
 * Proposes the next `count` points given every finished trial (in id order). Must be deterministic
 * given `history` and its own seeded state, so that a resumed search proposes what the first run did.
 */
export type Proposer<P> = (history: readonly Trial<P>[], count: number) => P[];

/** The seed trial `id` of a search with seed `seed` gets: independent of the executor and of timing. */
export function trialSeed(seed: number, id: number): number {
  return createRng(`${seed}:${id}`).int(2 ** 31);
}

/** The loop every search shares: propose a batch, run it (replaying logged trials), record, repeat. */
export async function runSearch<S extends SearchSpace>(
  op: string,
  options: SearchOptions<S>,
  total: number,
  propose: Proposer<ParamsOf<S>>,
  { independent = false }: { readonly independent?: boolean } = {},
): Promise<SearchResult<ParamsOf<S>>> {
  type P = ParamsOf<S>;
  const { space, objective, mode = 'min', seed = 0, resume = [], onTrial } = options;
  checkSpace(op, space);
  if (objective === undefined && options.executor === undefined) throw new ValueError(op, 'expected an objective or an executor, got neither');
  if (objective !== undefined && options.executor !== undefined) throw new ValueError(op, 'expected an objective or an executor, got both');
  if (!Number.isInteger(total) || total < 1) throw new ValueError(op, `expected a positive integer number of trials, got ${total}`);
  if (mode !== 'min' && mode !== 'max') throw new ValueError(op, `mode must be 'min' or 'max', got ${String(mode)}`);
  if (!Number.isSafeInteger(seed)) throw new ValueError(op, `seed must be a safe integer, got ${seed}`);
  const executor = options.executor ?? inProcessExecutor(objective as Objective<P>);
  // NOTE: proposals that never look at earlier results (random, grid) are made all at once, so a
  // thread that finishes a short trial takes the next one instead of waiting for its batch's longest.
  const batchSize = options.batchSize ?? (independent ? total : Math.max(1, executor.concurrency));
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ValueError(op, `batchSize must be a positive integer, got ${batchSize}`);
  const logged = new Map<number, Trial>();
  for (const t of resume) logged.set(t.id, t);

  const trials: Trial<P>[] = [];
  while (trials.length < total) {
    const proposals = propose(trials, Math.min(batchSize, total - trials.length));
    if (proposals.length === 0) break; // a finite space (a grid) ran out
    const start = trials.length;
    const batch = proposals.map((params, k) => ({ id: start + k, params, seed: trialSeed(seed, start + k) }));
    const results = new Array<Trial<P> | undefined>(batch.length);
    const fresh: number[] = [];
    batch.forEach((spec, k) => {
      const old = logged.get(spec.id);
      if (old === undefined) {
        fresh.push(k);
        return;
      }
      if (JSON.stringify(old.params) !== JSON.stringify(spec.params) || !isPointOf(space, old.params)) {
        throw new ValueError(op, `the resumed log does not match this search: trial ${spec.id} was ${JSON.stringify(old.params)}, ` +
          `the search proposes ${JSON.stringify(spec.params)} (another seed, space or batch size?)`);
      }
      results[k] = old as Trial<P>;
    });
    // Run the new trials, at most `executor.concurrency` at a time; report them in id order.
    let next = 0;
    let reported = 0;
    const report = () => {
      while (reported < batch.length && results[reported] !== undefined) {
        const t = results[reported] as Trial<P>;
        trials.push(t);
        reported++;
        if (fresh.includes(reported - 1)) onTrial?.(t, { done: trials.length, total, best: bestTrial(trials, mode) });
      }
    };
    report();
    const worker = async () => {
      while (next < fresh.length) {
        const k = fresh[next++];
        results[k] = await evaluate(executor, batch[k]);
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.concurrency, fresh.length)) }, worker));
    report();
  }
  return { trials, best: bestTrial(trials, mode), mode };
}

async function evaluate<P>(executor: Executor<P>, spec: { id: number; params: P; seed: number }): Promise<Trial<P>> {
  const t0 = performance.now();
  let score: number;
  try {
    score = await executor.run(spec);
  } catch (e) {
    return { ...spec, score: null, status: 'failed', error: e instanceof Error ? e.message : String(e), seconds: (performance.now() - t0) / 1000 };
  }
  const seconds = (performance.now() - t0) / 1000;
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    return { ...spec, score: null, status: 'failed', error: `returned ${typeof score === 'number' ? score : typeof score}`, seconds };
  }
  return { ...spec, score, status: 'ok', seconds };
}
