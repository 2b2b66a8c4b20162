import { ValueError, createRng } from '@nn/tensor';
import { type SearchOptions, type SearchResult, runSearch } from './run-search';
import { type ParamsOf, type SearchSpace, checkSpace, fromUnit, sampleParams, toUnit } from './search-space';
import type { Trial } from './trial';

export interface GeneticSearchOptions<S extends SearchSpace> extends SearchOptions<S> {
  /** Evaluations in all (the first generation included). */
  readonly trials: number;
  /** Individuals per generation. Default 10. */
  readonly population?: number;
  /** Contestants per tournament; the best of them becomes a parent. Default 3. */
  readonly tournament?: number;
  /** Probability that a child mixes two parents (uniform crossover); otherwise it copies one. Default 0.9. */
  readonly crossoverRate?: number;
  /** Probability that each gene mutates. Default 1 / (number of parameters). */
  readonly mutationRate?: number;
  /** Std of a range gene's Gaussian mutation on the unit scale (log scale for log parameters). Default 0.1. */
  readonly mutationScale?: number;
  /** The best individuals carried unchanged (not re-evaluated) into the next generation. Default 1. */
  readonly elites?: number;
}

interface Individual<P> {
  readonly params: P;
  /** Internally minimized: the score, negated in 'max' mode; +∞ for a failed trial. */
  readonly loss: number;
}

/**
 * A generational genetic algorithm over the space: the first generation is random; each next one
 * keeps the `elites` best and fills the rest with children of parents picked by tournament
 * selection, mixed by uniform crossover (each gene from either parent) and mutated gene by gene — a
 * Gaussian step on the unit scale for ranges, a fresh draw for choices. Failed trials lose every
 * tournament. Elites are not evaluated again, so every trial is a new child.
 * @see D. E. Goldberg, "Genetic Algorithms in Search, Optimization and Machine Learning", 1989
 * @see B. L. Miller, D. E. Goldberg, "Genetic algorithms, tournament selection, and the effects of noise", Complex Systems 9, 1995
 */
export async function geneticSearch<S extends SearchSpace>(options: GeneticSearchOptions<S>): Promise<SearchResult<ParamsOf<S>>> {
  type P = ParamsOf<S>;
  const op = 'geneticSearch';
  const names = checkSpace(op, options.space);
  const { space, population = 10, tournament = 3, crossoverRate = 0.9, mutationScale = 0.1, elites = 1 } = options;
  const mutationRate = options.mutationRate ?? 1 / names.length;
  if (!Number.isInteger(population) || population < 2) throw new ValueError(op, `population must be an integer ≥ 2, got ${population}`);
  if (!Number.isInteger(tournament) || tournament < 1) throw new ValueError(op, `tournament must be a positive integer, got ${tournament}`);
  if (!Number.isInteger(elites) || elites < 0 || elites >= population) {
    throw new ValueError(op, `elites must be an integer in [0, population), got ${elites}`);
  }
  for (const [name, v] of [['crossoverRate', crossoverRate], ['mutationRate', mutationRate]] as const) {
    if (!(v >= 0 && v <= 1)) throw new ValueError(op, `${name} must be in [0, 1], got ${v}`);
  }
  if (!(mutationScale > 0)) throw new ValueError(op, `mutationScale must be positive, got ${mutationScale}`);
  const sign = options.mode === 'max' ? -1 : 1;
  const rng = createRng(options.seed ?? 0);
  const lossOf = (t: Trial<P>): number => (t.score === null ? Number.POSITIVE_INFINITY : sign * t.score);

  // The generation being evaluated: its elites (already scored) and how many children it holds.
  let current: Individual<P>[] = [];
  let parents: Individual<P>[] = [];
  let childrenStart = 0;
  let childrenWanted = population;

  const pick = (): Individual<P> => {
    let best = parents[rng.int(parents.length)];
    for (let i = 1; i < tournament; i++) {
      const c = parents[rng.int(parents.length)];
      if (c.loss < best.loss) best = c;
    }
    return best;
  };
  const child = (): P => {
    const a = pick();
    const b = rng.uniform() < crossoverRate ? pick() : a;
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const p = space[name];
      let v: unknown = rng.uniform() < 0.5 ? a.params[name] : b.params[name];
      if (rng.uniform() < mutationRate) {
        v = p.kind === 'choice' ? p.options[rng.int(p.options.length)] : fromUnit(p, toUnit(p, v as number) + rng.normal(0, mutationScale));
      }
      out[name] = v;
    }
    return out as P;
  };

  return runSearch(op, options, options.trials, (history, count) => {
    // (1) the last generation is complete: rank it with its elites and breed the next one
    if (history.length >= childrenStart + childrenWanted) {
      const scored = [...current, ...history.slice(childrenStart).map((t) => ({ params: t.params, loss: lossOf(t) }))];
      scored.sort((x, y) => x.loss - y.loss);
      parents = scored;
      current = scored.slice(0, elites);
      childrenStart = history.length;
      childrenWanted = population - elites;
    }
    // (2) the first generation is random; later ones are children of the last
    const n = Math.min(count, childrenStart + childrenWanted - history.length);
    return Array.from({ length: n }, () => (parents.length === 0 ? sampleParams(space, rng) : child()));
  });
}
