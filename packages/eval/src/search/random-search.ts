import { createRng } from '@nn/tensor';
import { type SearchOptions, type SearchResult, runSearch } from './run-search';
import { type ParamsOf, type SearchSpace, sampleParams } from './search-space';

export interface RandomSearchOptions<S extends SearchSpace> extends SearchOptions<S> {
  readonly trials: number;
}

/**
 * `trials` points drawn independently from the space (log-uniform where the space says so) — with a
 * few important parameters among many, a better use of a budget than a grid.
 * @see J. Bergstra, Y. Bengio, "Random search for hyper-parameter optimization", JMLR 13, 2012
 */
export async function randomSearch<S extends SearchSpace>(options: RandomSearchOptions<S>): Promise<SearchResult<ParamsOf<S>>> {
  const rng = createRng(options.seed ?? 0);
  return runSearch('randomSearch', options, options.trials, (_, count) =>
    Array.from({ length: count }, () => sampleParams(options.space, rng)), { independent: true });
}
