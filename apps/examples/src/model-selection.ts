import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Dataset, type ParamsOf, type SearchResult, type Trial, accuracy, activation, adam, bayesianSearch, choice, createRng,
  crossValidate, dense, fit, formatTrials, intRange, lineChartSvg, logUniform, predict, randomSearch, sequential,
  softmaxCrossEntropy, stratifiedKFold, subset, uniform, zScore,
} from '@nn/core';
import { loadBreastCancer, loadDigits } from '@nn/core/datasets';
import { parseFlags } from './flags';

/** The hyper-parameters searched over: the brief's space (learning rate, width, neuron, momentum as Adam's β₁). */
export const MLP_SPACE = {
  lr: logUniform(1e-3, 0.1),
  units: intRange(8, 128, { log: true }),
  act: choice(['relu', 'tanh']),
  momentum: uniform(0.5, 0.99),
} as const;
export type MlpParams = ParamsOf<typeof MLP_SPACE>;

export interface Budget {
  /** Training epochs of each model. */
  readonly epochs: number;
  /** Folds of the cross-validation that scores a candidate. */
  readonly folds: number;
  /** Candidates compared in part 1, and on how many different splits; trials of each search in part 2. */
  readonly candidates: number;
  readonly repeats: number;
  readonly trials: number;
}
export const FULL: Budget = { epochs: 20, folds: 5, candidates: 12, repeats: 5, trials: 20 };
export const QUICK: Budget = { epochs: 3, folds: 2, candidates: 3, repeats: 1, trials: 3 };

/** Sample indices of a stratified three-way split: `dev` to train and select on, `test` touched once, `fresh` never used to choose. */
export interface Split {
  readonly dev: Int32Array;
  readonly test: Int32Array;
  readonly fresh: Int32Array;
}

/**
 * A stratified split of the samples: quarters from `stratifiedKFold(k = 4)`, fold 0 for the test set,
 * fold 1 for a second held-out set (`fresh`, empty unless asked for), the rest for development.
 */
export function splitIndices(ds: Dataset, seed: number, withFresh: boolean): Split {
  const folds = stratifiedKFold(ds, { k: 4, rng: createRng(seed) });
  const test = folds[0].test;
  const fresh = withFresh ? folds[1].test : new Int32Array(0);
  const dev = folds[0].train.filter((i) => !fresh.includes(i));
  return { dev, test, fresh };
}

/**
 * Trains the MLP F-units-C (Adam with β₁ = momentum, softmax cross-entropy, batches of 32) on the
 * samples `train` of `ds`, standardized with the statistics of those samples only; returns a
 * function that gives the error rate on any other samples of `ds` (standardized the same way).
 */
export async function trainMlp(ds: Dataset, train: Int32Array, params: MlpParams, { epochs, seed }: { epochs: number; seed: number }) {
  const scaler = zScore().fit(subset(ds, train));
  const rng = createRng(seed);
  const features = ds.x.shape[1];
  const classes = Math.max(...ds.y.dataSync()) + 1;
  const model = sequential(dense(features, params.units, { rng }), activation(params.act), dense(params.units, classes, { rng }));
  await fit(model, scaler.transform(subset(ds, train)), {
    loss: softmaxCrossEntropy, optimizer: adam(params.lr, { betas: [params.momentum, 0.999] }), epochs, batchSize: 32, seed, progress: false,
  });
  return (indices: Int32Array) => {
    const part = scaler.transform(subset(ds, indices));
    return 1 - accuracy(predict(model, part.x), part.y);
  };
}

/** The k-fold cross-validated error of one candidate on the samples `dev` (standardization refit in each fold). */
export async function cvError(ds: Dataset, dev: Int32Array, params: MlpParams, budget: Budget, seed: number): Promise<number> {
  const devSet = subset(ds, dev);
  const folds = stratifiedKFold(devSet, { k: budget.folds, rng: createRng(seed) });
  // NOTE: fold indices point into devSet; map them back to indices of ds.
  const mapped = folds.map((f) => ({ train: f.train.map((i) => dev[i]), test: f.test.map((i) => dev[i]) }));
  const cv = await crossValidate({
    folds: mapped,
    fit: (train) => trainMlp(ds, train, params, { epochs: budget.epochs, seed }),
    score: (errorOn, test) => errorOn(test),
  });
  return cv.mean;
}

export interface Candidate {
  readonly params: MlpParams;
  /** Cross-validated error on the development set: how the right way chooses. */
  readonly cvError: number;
  /** Error on the test set after training on the whole development set: how the wrong way chooses. */
  readonly testError: number;
  /** Error on a second held-out set no choice ever looks at. */
  readonly freshError: number;
}

export interface Selection {
  readonly candidates: readonly Candidate[];
  /** Picked by the lowest test error; reports that same test error. */
  readonly wrong: Candidate;
  /** Picked by the lowest cross-validated error; reports its test error, measured once. */
  readonly right: Candidate;
}

export interface WrongVsRight {
  /** One selection per split (seed, seed + 1, …). */
  readonly selections: readonly Selection[];
  /** Means over the splits of what each way reports and of how its pick does on fresh data. */
  readonly mean: { readonly wrongReported: number; readonly wrongFresh: number; readonly rightReported: number; readonly rightFresh: number };
  readonly sizes: { readonly dev: number; readonly test: number; readonly fresh: number };
}

/**
 * The course's warning, measured: with several candidates, the lowest *test* error is an optimistic
 * estimate of the winner's error, because the test set took part in the choice. The honest way
 * chooses by cross-validation on the development set and looks at the test set once. A second
 * held-out set (`fresh`) shows how each winner really does; averaged over `budget.repeats` splits.
 */
export async function wrongVsRight(budget: Budget, seed = 1): Promise<WrongVsRight> {
  const ds = loadBreastCancer();
  const selections: Selection[] = [];
  let sizes = { dev: 0, test: 0, fresh: 0 };
  for (let r = 0; r < budget.repeats; r++) {
    const split = splitIndices(ds, seed + r, true);
    sizes = { dev: split.dev.length, test: split.test.length, fresh: split.fresh.length };
    const rng = createRng(seed + r);
    const search = await randomSearch({
      space: MLP_SPACE, trials: budget.candidates, seed: seed + r,
      objective: (params) => cvError(ds, split.dev, params, budget, seed + r),
    });
    const candidates: Candidate[] = [];
    for (const t of search.trials) {
      const errorOn = await trainMlp(ds, split.dev, t.params, { epochs: budget.epochs, seed: rng.int(1 << 30) });
      candidates.push({ params: t.params, cvError: t.score ?? Number.NaN, testError: errorOn(split.test), freshError: errorOn(split.fresh) });
    }
    const by = (key: 'cvError' | 'testError') => candidates.reduce((a, b) => (b[key] < a[key] ? b : a));
    selections.push({ candidates, wrong: by('testError'), right: by('cvError') });
  }
  const avg = (f: (s: Selection) => number) => selections.reduce((a, s) => a + f(s), 0) / selections.length;
  return {
    selections,
    mean: {
      wrongReported: avg((s) => s.wrong.testError), wrongFresh: avg((s) => s.wrong.freshError),
      rightReported: avg((s) => s.right.testError), rightFresh: avg((s) => s.right.freshError),
    },
    sizes,
  };
}

export interface Tuned {
  readonly name: string;
  readonly random: SearchResult<MlpParams>;
  readonly bayesian: SearchResult<MlpParams>;
  /** The best configuration of both searches, retrained on the development set, on the test set. */
  readonly best: MlpParams;
  readonly testAccuracy: number;
  readonly split: Split;
}

/**
 * Tunes the MLP on one table by random search and by Bayesian search (GP-EI), each trial scored by
 * cross-validation on the development set; retrains the best configuration on the whole
 * development set and reports its test accuracy, once.
 */
export async function tuneMlp(name: 'digits' | 'breast-cancer', budget: Budget, seed = 1, onTrial?: (search: string, t: Trial<MlpParams>) => void): Promise<Tuned> {
  const ds = name === 'digits' ? loadDigits() : loadBreastCancer();
  const split = splitIndices(ds, seed, false);
  const objective = (params: MlpParams) => cvError(ds, split.dev, params, budget, seed);
  const random = await randomSearch({ space: MLP_SPACE, objective, trials: budget.trials, seed, onTrial: (t) => onTrial?.('random', t) });
  const bayesian = await bayesianSearch({
    space: MLP_SPACE, objective, trials: budget.trials, seed, initialTrials: Math.min(5, budget.trials), onTrial: (t) => onTrial?.('bayesian', t),
  });
  const best = [random.best, bayesian.best].reduce((a, b) => (b !== undefined && (a === undefined || b.score! < a.score!) ? b : a));
  if (best === undefined) throw new Error(`tuneMlp: every trial failed on ${name}`);
  const errorOn = await trainMlp(ds, split.dev, best.params, { epochs: budget.epochs, seed });
  return { name, random, bayesian, best: best.params, testAccuracy: 1 - errorOn(split.test), split };
}

/** Best score so far after each trial (failed trials keep the previous best). */
export function bestSoFar(trials: readonly Trial[]): [number, number][] {
  let best = Number.POSITIVE_INFINITY;
  const out: [number, number][] = [];
  trials.forEach((t, i) => {
    if (t.score !== null && t.score < best) best = t.score;
    if (Number.isFinite(best)) out.push([i + 1, best]);
  });
  return out;
}

/** The SVG chart of the best cross-validated error against the number of trials, one line per search. */
export function searchChart(tuned: Tuned): string {
  return lineChartSvg({
    title: `MLP on ${tuned.name}: best cross-validated error so far`,
    xLabel: 'trials',
    yLabel: 'CV error',
    series: [
      { name: 'random search', points: bestSoFar(tuned.random.trials) },
      { name: 'Bayesian (GP-EI)', points: bestSoFar(tuned.bayesian.trials) },
    ],
  });
}

/**
 * The table, the split and the chosen configuration as JSON, for `packages/eval/scripts/sklearn-mlp.py`
 * (scikit-learn's MLPClassifier on exactly these samples and this split).
 */
export function splitJson(tuned: Tuned): string {
  const { dev, test } = tuned.split;
  const ds = tuned.name === 'digits' ? loadDigits() : loadBreastCancer();
  const [n, f] = ds.x.shape;
  const x = ds.x.dataSync();
  return `${JSON.stringify({
    dataset: tuned.name,
    x: Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * f, (i + 1) * f))),
    y: Array.from(ds.y.dataSync()),
    dev: Array.from(dev),
    test: Array.from(test),
    best: tuned.best,
    testAccuracy: tuned.testAccuracy,
  })}\n`;
}

function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}

/** Runs both parts and prints them; writes the charts, trial tables and splits under --out (default out/model-selection). */
export async function main(args: readonly string[] = []): Promise<void> {
  const outAt = args.indexOf('--out');
  const out = resolve(outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1] : 'out/model-selection');
  const flags = parseFlags('model-selection', outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args, { integers: ['seed'], switches: ['quick'] });
  const budget = flags.quick ? QUICK : FULL;
  const seed = flags.seed ?? 1;
  mkdirSync(out, { recursive: true });

  console.log(`Part 1 · choosing among ${budget.candidates} MLPs on breast cancer (569 samples), on ${budget.repeats} random split(s): the wrong way and the right way`);
  const wr = await wrongVsRight(budget, seed);
  console.log(`development ${wr.sizes.dev}, test ${wr.sizes.test}, fresh ${wr.sizes.fresh} samples; standardization refit inside every fold`);
  console.log('  wrong: pick the lowest test error and report it');
  console.log(`         reported ${pct(wr.mean.wrongReported)}, the same model on fresh data ${pct(wr.mean.wrongFresh)}`);
  console.log(`  right: pick the lowest ${budget.folds}-fold CV error on the development set, then test once`);
  console.log(`         reported ${pct(wr.mean.rightReported)}, the same model on fresh data ${pct(wr.mean.rightFresh)}`);
  const gap = (fresh: number, reported: number) => `${fresh - reported >= 0 ? '+' : ''}${(100 * (fresh - reported)).toFixed(1)} points`;
  console.log(`  fresh − reported (means over the splits): wrong way ${gap(wr.mean.wrongFresh, wr.mean.wrongReported)}, right way ${gap(wr.mean.rightFresh, wr.mean.rightReported)}`);

  for (const name of ['digits', 'breast-cancer'] as const) {
    console.log(`\nPart 2 · tuning the MLP on ${name}: ${budget.trials} trials of random search, then of Bayesian search, each scored by ${budget.folds}-fold CV`);
    const tuned = await tuneMlp(name, budget, seed);
    console.log(formatTrials(tuned.bayesian, { limit: 5 }));
    console.log(`best: ${JSON.stringify(tuned.best)} → test accuracy ${pct(tuned.testAccuracy)} (the test set used once)`);
    writeFileSync(join(out, `${name}-search.svg`), searchChart(tuned));
    writeFileSync(join(out, `${name}-trials.txt`), `random search\n${formatTrials(tuned.random)}\n\nBayesian search\n${formatTrials(tuned.bayesian)}\n`);
    writeFileSync(join(out, `${name}-split.json`), splitJson(tuned));
  }
  console.log(`\nwrote ${out}/{digits,breast-cancer}-search.svg, -trials.txt and -split.json`);
}
