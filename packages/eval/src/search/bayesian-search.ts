import { type Rng, ValueError, createRng } from '@nn/tensor';
import { type GpTheta, expectedImprovement, fitGaussianProcess } from './gaussian-process';
import { type SearchOptions, type SearchResult, runSearch } from './run-search';
import { type ParamsOf, type SearchSpace, checkSpace, decodeParams, encodeParams, encodedSize, sampleParams } from './search-space';

export interface BayesianSearchOptions<S extends SearchSpace> extends SearchOptions<S> {
  readonly trials: number;
  /** Random trials before the Gaussian process takes over. Default max(5, parameters + 1). */
  readonly initialTrials?: number;
  /** Random starts of each hyper-parameter fit, besides the last fit's θ. Default 2. */
  readonly restarts?: number;
  /** Random candidates scored by expected improvement per proposal, before local refinement. Default 1000. */
  readonly candidates?: number;
  /** EI's exploration margin ξ, in units of the standardized scores. Default 0.01. */
  readonly xi?: number;
}

/**
 * Bayesian optimization: a Gaussian process (Matérn 5/2 kernel, one length scale per input, fitted by
 * maximizing the log marginal likelihood) models the standardized scores over the unit cube (log
 * scale for log parameters, one-hot choices), and each next point maximizes the expected improvement
 * — the best of `candidates` random points and of perturbations around the best trials, refined by a
 * local search. Failed trials count as the worst score seen, so the model steers away from them. A
 * batch of q > 1 points is chosen one at a time, each earlier one added as a "kriging believer"
 * fantasy (its posterior mean as its score).
 * @see J. Snoek, H. Larochelle, R. P. Adams, "Practical Bayesian optimization of machine learning algorithms", NeurIPS 2012
 * @see D. R. Jones, M. Schonlau, W. J. Welch, "Efficient global optimization of expensive black-box functions", J. Global Optim. 13, 1998
 */
export async function bayesianSearch<S extends SearchSpace>(options: BayesianSearchOptions<S>): Promise<SearchResult<ParamsOf<S>>> {
  type P = ParamsOf<S>;
  const op = 'bayesianSearch';
  const names = checkSpace(op, options.space);
  const { space, restarts = 2, candidates = 1000, xi = 0.01 } = options;
  const initialTrials = options.initialTrials ?? Math.max(5, names.length + 1);
  if (!Number.isInteger(initialTrials) || initialTrials < 1) throw new ValueError(op, `initialTrials must be a positive integer, got ${initialTrials}`);
  if (!Number.isInteger(candidates) || candidates < 1) throw new ValueError(op, `candidates must be a positive integer, got ${candidates}`);
  const sign = options.mode === 'max' ? -1 : 1;
  const rng = createRng(options.seed ?? 0);
  const d = encodedSize(space);
  let theta: GpTheta | undefined;

  return runSearch(op, options, options.trials, (history, count) => {
    const ok = history.filter((t) => t.score !== null);
    if (history.length < initialTrials || ok.length < 2) {
      return Array.from({ length: Math.min(count, Math.max(1, initialTrials - history.length)) }, () => sampleParams(space, rng));
    }
    // (1) standardized losses; a failed trial takes the worst loss seen
    const losses = ok.map((t) => sign * (t.score as number));
    const worst = Math.max(...losses);
    const raw = history.map((t) => (t.score === null ? worst : sign * t.score));
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length) || 1;
    const xs = history.map((t) => encodeParams(space, t.params));
    const ys = raw.map((v) => (v - mean) / sd);
    // (2) fit the GP, then choose `count` points, each later one seeing the earlier ones as fantasies
    const out: P[] = [];
    for (let q = 0; q < count; q++) {
      const gp = fitGaussianProcess(xs, ys, rng, q === 0 ? { restarts, init: theta } : { init: theta, fixed: true });
      if (q === 0) theta = gp.theta;
      const best = Math.min(...ys);
      const ei = (x: Float64Array) => {
        const { mean: m, std } = gp.predict(x);
        return expectedImprovement(m, std, best, xi);
      };
      const x = maximizeAcquisition(space, ei, xs, ys, rng, candidates, d);
      const params = decodeParams(space, x);
      out.push(params);
      const snapped = encodeParams(space, params);
      xs.push(snapped);
      ys.push(gp.predict(snapped).mean);
    }
    return out;
  });
}

/**
 * The best of `candidates` random points and Gaussian perturbations of the 5 best observed points,
 * then a (1+1) local search (shrinking steps on the range coordinates) from the 3 best of those.
 */
function maximizeAcquisition(
  space: SearchSpace,
  acq: (x: Float64Array) => number,
  xs: readonly Float64Array[],
  ys: readonly number[],
  rng: Rng,
  candidates: number,
  d: number,
): Float64Array {
  const ranges: number[] = [];
  let j = 0;
  for (const p of Object.values(space)) {
    if (p.kind === 'choice') j += p.options.length;
    else ranges.push(j++);
  }
  const pool: { x: Float64Array; v: number }[] = [];
  const consider = (x: Float64Array) => pool.push({ x, v: acq(x) });
  for (let i = 0; i < candidates; i++) consider(encodeParams(space, sampleParams(space, rng), new Float64Array(d)));
  const order = ys.map((_, i) => i).sort((a, b) => ys[a] - ys[b]).slice(0, 5);
  for (const i of order) {
    for (let k = 0; k < 20; k++) {
      const x = Float64Array.from(xs[i]);
      for (const r of ranges) x[r] = clip01(x[r] + rng.normal(0, 0.05));
      consider(x);
    }
  }
  pool.sort((a, b) => b.v - a.v);
  let best = pool[0];
  for (const start of pool.slice(0, 3)) {
    let cur = start;
    let step = 0.1;
    for (let it = 0; it < 40 && ranges.length > 0; it++) {
      const x = Float64Array.from(cur.x);
      for (const r of ranges) x[r] = clip01(x[r] + rng.normal(0, step));
      const v = acq(x);
      if (v > cur.v) cur = { x, v };
      else step = Math.max(0.005, step * 0.85);
    }
    if (cur.v > best.v) best = cur;
  }
  return best.x;
}

function clip01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
