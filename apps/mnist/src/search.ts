import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import {
  type Dataset, type Trial, accuracy, bayesianSearch, choice, createRng, evaluate, exponentialDecay, fit, formatTrials, lenet5,
  lineChartSvg, loadMnist, logUniform, numBatches, parseTrialLog, sgd, slice, softmaxCrossEntropy, sortTrials, trialLogLine, uniform,
} from '@nn/core';

/**
 * What the recipe search varies. The decay is searched as the ratio of the last epoch's rate to the
 * first (lr_last = lr·decay^(epochs−1)), so that a value found with a few epochs means the same for the
 * full run's twelve.
 */
export const recipeSpace = {
  learningRate: logUniform(0.005, 0.3),
  finalRateRatio: logUniform(0.01, 1),
  momentum: uniform(0.5, 0.97),
  batchSize: choice([16, 32, 64, 128]),
};

/** A point of the space. */
export interface RecipeParams {
  readonly learningRate: number;
  readonly finalRateRatio: number;
  readonly momentum: number;
  readonly batchSize: number;
}

/** How big each trial is: its training digits, then the validation digits that follow them in the training set, its epochs. */
export interface SearchBudget {
  readonly trainSamples: number;
  readonly validationSamples: number;
  readonly epochs: number;
  readonly trials: number;
  /**
   * The second stage: the `candidates` best recipes of the first (and the incumbent) trained as the
   * main job trains, `epochs` over `trainSamples` digits, scored on the `validationSamples` after them.
   */
  readonly confirm: { readonly trainSamples: number; readonly validationSamples: number; readonly epochs: number; readonly candidates: number };
}

/** The budget of the search the README reports; `--quick` uses a tiny one. */
export const SEARCH_BUDGET: SearchBudget = {
  trainSamples: 12000, validationSamples: 10000, epochs: 3, trials: 16,
  confirm: { trainSamples: 50000, validationSamples: 10000, epochs: 12, candidates: 3 },
};
export const QUICK_SEARCH_BUDGET: SearchBudget = {
  trainSamples: 1000, validationSamples: 500, epochs: 1, trials: 3,
  confirm: { trainSamples: 1000, validationSamples: 500, epochs: 1, candidates: 1 },
};

/** The recipe the main job used before the search: SGD, rate 0.05 decayed ×0.8 per epoch over 12 epochs, momentum 0.9, batches of 32. */
export const INCUMBENT_RECIPE: RecipeParams = { learningRate: 0.05, finalRateRatio: 0.8 ** 11, momentum: 0.9, batchSize: 32 };

/** One recipe of the second stage and its validation error. */
export interface ConfirmedRecipe {
  readonly params: RecipeParams;
  readonly source: string;
  readonly validationError: number;
  readonly seconds: number;
}

/**
 * LeNet-5 trained with `params` for `epochs` on `train` (SGD with momentum, the rate decayed per epoch),
 * then its error rate on `validation`.
 */
export async function validationError(params: RecipeParams, { train, validation, epochs, seed }: { train: Dataset; validation: Dataset; epochs: number; seed: number }): Promise<number> {
  const rng = createRng(seed);
  const model = lenet5({ rng });
  const steps = numBatches(train.x.shape[0], params.batchSize);
  const schedule = exponentialDecay({ init: params.learningRate, decayRate: decayPerEpoch(params.finalRateRatio, epochs), decaySteps: steps, staircase: true });
  await fit(model, train, { loss: softmaxCrossEntropy, optimizer: sgd(schedule, { momentum: params.momentum }), epochs, batchSize: params.batchSize, rng, progress: false });
  return 1 - evaluate(model, validation, { metrics: { accuracy } }).metrics.accuracy;
}

/** The per-epoch decay factor that takes the rate from lr to lr·ratio over `epochs` epochs. */
export function decayPerEpoch(finalRateRatio: number, epochs: number): number {
  return epochs <= 1 ? 1 : finalRateRatio ** (1 / (epochs - 1));
}

/**
 * Chooses the main job's recipe without looking at the test set: Bayesian optimization (a Gaussian
 * process with expected improvement, from @nn/eval) of the validation error of LeNet-5 trained on the
 * first `trainSamples` training digits and scored on the `validationSamples` training digits after
 * them, which no trial trains on; then (2) the best few recipes and the incumbent trained on the full
 * schedule and compared on held-out training digits, keeping the incumbent unless one is measurably
 * better (`chooseRecipe`). The test digits are not even loaded. Trials of (1) go to `dir/trials.jsonl`
 * and recipes of (2) to `dir/confirm.jsonl` as they finish; a rerun with the same seed resumes from both.
 */
export async function searchRecipe({ dir, dataDir, budget, seed, log = console.log }: {
  dir: string; dataDir?: string; budget: SearchBudget; seed: number; log?: (line: string) => void;
}): Promise<{ best: RecipeParams; trials: Trial<RecipeParams>[]; confirmed: ConfirmedRecipe[] }> {
  const { train } = await loadMnist({ dir: dataDir, subset: { train: budget.trainSamples + budget.validationSamples, test: 0 } });
  const part = (begin: number, count: number): Dataset => ({ x: slice(train.x, [begin], [count]), y: slice(train.y, [begin], [count]) });
  const proxy = part(0, budget.trainSamples);
  const validation = part(budget.trainSamples, budget.validationSamples);
  await mkdir(dir, { recursive: true });
  const logFile = `${dir}/trials.jsonl`;
  const resume = existsSync(logFile) ? parseTrialLog(await readFile(logFile, 'utf8')) : [];
  if (resume.length > 0) log(`resuming: ${resume.length} trials read from ${logFile}`);
  const result = await bayesianSearch({
    space: recipeSpace,
    trials: budget.trials,
    seed,
    resume,
    objective: (params, { seed: trialSeed }) => validationError(params, { train: proxy, validation, epochs: budget.epochs, seed: trialSeed }),
    async onTrial(trial, { done, total, best }) {
      await appendFile(logFile, trialLogLine(trial));
      const score = trial.score === null ? `failed (${trial.error})` : `validation error ${(100 * trial.score).toFixed(2)} %`;
      log(`trial ${done}/${total}: ${score}, ${trial.seconds.toFixed(0)} s; best so far ${best?.score === undefined || best.score === null ? '-' : `${(100 * best.score).toFixed(2)} %`}`);
    },
  });
  if (result.best === undefined) throw new Error('every trial of the recipe search failed');
  const trials = result.trials as Trial<RecipeParams>[];
  let best = Infinity;
  const bestSoFar = trials.map((t, i) => [i + 1, (best = Math.min(best, t.score ?? Infinity)) * 100] as [number, number]);
  await writeFile(`${dir}/trials.txt`, `${formatTrials(result)}\n`);
  await writeFile(`${dir}/search.svg`, lineChartSvg({
    title: 'LeNet-5 recipe search: best validation error so far',
    xLabel: 'trials',
    yLabel: 'validation error (%)',
    series: [{ name: 'Bayesian optimization (GP, EI)', points: bestSoFar }],
  }));
  log(formatTrials(result, { limit: 5 }));

  // (2) A short run's ranking need not hold for the full schedule: the best few recipes, and the one
  // in use, are trained as the main job trains them and compared on held-out training digits.
  const { confirm } = budget;
  const full = confirm.trainSamples + confirm.validationSamples <= train.x.shape[0] ? train
    : (await loadMnist({ dir: dataDir, subset: { train: confirm.trainSamples + confirm.validationSamples, test: 0 } })).train;
  const confirmTrain = { x: slice(full.x, [0], [confirm.trainSamples]), y: slice(full.y, [0], [confirm.trainSamples]) };
  const confirmValidation = { x: slice(full.x, [confirm.trainSamples], [confirm.validationSamples]), y: slice(full.y, [confirm.trainSamples], [confirm.validationSamples]) };
  const ranked = sortTrials(trials).filter((t) => t.score !== null).slice(0, confirm.candidates);
  const candidates = [...ranked.map((t) => ({ params: t.params, source: `trial ${t.id}` })), { params: INCUMBENT_RECIPE, source: 'incumbent' }];
  const confirmLog = `${dir}/confirm.jsonl`;
  const done = existsSync(confirmLog) ? parseConfirmLog(await readFile(confirmLog, 'utf8')) : [];
  const confirmed: ConfirmedRecipe[] = [];
  for (const { params, source } of candidates) {
    const earlier = findConfirmed(done, { source, params, seed, budget: confirm });
    if (earlier !== undefined) {
      confirmed.push({ params: earlier.params, source, validationError: earlier.validationError, seconds: earlier.seconds });
      log(`confirm ${source}: validation error ${(100 * earlier.validationError).toFixed(2)} % (read from ${confirmLog})`);
      continue;
    }
    const started = performance.now();
    const error = await validationError(params, { train: confirmTrain, validation: confirmValidation, epochs: confirm.epochs, seed });
    const entry = { params, source, validationError: error, seconds: (performance.now() - started) / 1000 };
    confirmed.push(entry);
    await appendFile(confirmLog, `${JSON.stringify({ ...entry, seed, budget: confirm })}\n`);
    log(`confirm ${source}: validation error ${(100 * error).toFixed(2)} % after ${confirm.epochs} epochs on ${confirm.trainSamples} digits`);
  }
  confirmed.sort((a, b) => a.validationError - b.validationError);
  const choice = chooseRecipe(confirmed, confirm.validationSamples);
  const chosen = choice.chosen;
  const table = ['rank  source      validation error  learningRate  finalRateRatio  momentum  batchSize  seconds',
    ...confirmed.map((c, i) => [String(i + 1).padStart(4), c.source.padEnd(10), `${(100 * c.validationError).toFixed(2)} %`.padStart(16),
      c.params.learningRate.toPrecision(4).padStart(12), c.params.finalRateRatio.toPrecision(4).padStart(14), c.params.momentum.toPrecision(4).padStart(8),
      String(c.params.batchSize).padStart(9), c.seconds.toFixed(0).padStart(8)].join('  ')), '', choice.reason].join('\n');
  await writeFile(`${dir}/confirm.txt`, `${table}\n`);
  await writeFile(`${dir}/best.json`, `${JSON.stringify({ budget, seed, best: result.best, confirmed, chosen, reason: choice.reason }, null, 2)}\n`);
  log(table);
  return { best: chosen.params, trials, confirmed };
}

/**
 * The second stage's decision. A validation error measured on n digits has a standard error of
 * √(p(1−p)/n) (binomial), so two recipes' errors differ by chance by about
 * se = √(p₁(1−p₁)/n + p₂(1−p₂)/n). The incumbent is replaced only by a recipe whose error is lower by
 * more than that; among several such, the lowest. Otherwise the difference is within the noise of
 * the measurement, and the recipe whose test error is already known stays.
 */
export function chooseRecipe(confirmed: readonly ConfirmedRecipe[], validationSamples: number): { chosen: ConfirmedRecipe; reason: string } {
  const incumbent = confirmed.find((c) => c.source === 'incumbent');
  const best = [...confirmed].sort((a, b) => a.validationError - b.validationError)[0];
  if (best === undefined) throw new Error('chooseRecipe: no confirmed recipe');
  if (incumbent === undefined || best === incumbent) return { chosen: best, reason: `chosen: ${best.source}, the lowest validation error` };
  const variance = (p: number): number => (p * (1 - p)) / validationSamples;
  const se = Math.sqrt(variance(best.validationError) + variance(incumbent.validationError));
  const gain = incumbent.validationError - best.validationError;
  const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
  return gain > se
    ? { chosen: best, reason: `chosen: ${best.source}, ${pct(gain)} below the incumbent, more than the standard error of the difference (${pct(se)} on ${validationSamples} digits)` }
    : { chosen: incumbent, reason: `chosen: the incumbent; ${best.source} is ${pct(gain)} lower, within the standard error of the difference (${pct(se)} on ${validationSamples} digits), so the search found no recipe measurably better` };
}

/** The logged result of this very confirmation (same recipe, source, seed and budget), if any. */
export function findConfirmed(log: readonly ConfirmLogEntry[], wanted: { source: string; params: RecipeParams; seed: number; budget: SearchBudget['confirm'] }): ConfirmLogEntry | undefined {
  return log.find((c) => c.source === wanted.source && sameParams(c.params, wanted.params) && c.seed === wanted.seed && JSON.stringify(c.budget) === JSON.stringify(wanted.budget));
}

function sameParams(a: RecipeParams, b: RecipeParams): boolean {
  return a.learningRate === b.learningRate && a.finalRateRatio === b.finalRateRatio && a.momentum === b.momentum && a.batchSize === b.batchSize;
}

/** A line of `confirm.jsonl`: a confirmed recipe with the seed and budget it was trained under, so a rerun with others trains it again. */
export interface ConfirmLogEntry extends ConfirmedRecipe {
  readonly seed: number;
  readonly budget: SearchBudget['confirm'];
}

/** The recipes of a `confirm.jsonl` log, one JSON object a line (a torn last line is skipped). */
export function parseConfirmLog(text: string): ConfirmLogEntry[] {
  const entries: ConfirmLogEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as ConfirmLogEntry);
    } catch {
      // A run killed mid-write leaves a partial last line; that recipe is simply trained again.
    }
  }
  return entries;
}
