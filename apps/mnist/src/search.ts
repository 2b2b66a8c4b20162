import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import {
  type Dataset, type Trial, accuracy, bayesianSearch, choice, createRng, evaluate, exponentialDecay, fit, formatTrials, lenet5,
  lineChartSvg, loadMnist, logUniform, numBatches, parseTrialLog, sgd, slice, softmaxCrossEntropy, trialLogLine, uniform,
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
}

/** The budget of the search the README reports; `--quick` uses a tiny one. */
export const SEARCH_BUDGET: SearchBudget = { trainSamples: 12000, validationSamples: 10000, epochs: 3, trials: 16 };
export const QUICK_SEARCH_BUDGET: SearchBudget = { trainSamples: 1000, validationSamples: 500, epochs: 1, trials: 3 };

/** The per-epoch decay factor that takes the rate from lr to lr·ratio over `epochs` epochs. */
export function decayPerEpoch(finalRateRatio: number, epochs: number): number {
  return epochs <= 1 ? 1 : finalRateRatio ** (1 / (epochs - 1));
}

/**
 * Chooses the main job's recipe without looking at the test set: Bayesian optimization (a Gaussian
 * process with expected improvement, from @nn/eval) of the validation error of LeNet-5 trained on the
 * first `trainSamples` training digits and scored on the `validationSamples` training digits after
 * them, which no trial trains on. The test digits are not even loaded. Trials go to `dir/trials.jsonl` as
 * they finish, and a rerun with the same seed resumes from that log.
 */
export async function searchRecipe({ dir, dataDir, budget, seed, log = console.log }: {
  dir: string; dataDir?: string; budget: SearchBudget; seed: number; log?: (line: string) => void;
}): Promise<{ best: RecipeParams; trials: Trial<RecipeParams>[] }> {
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
    objective: async (params, { seed: trialSeed }) => {
      const rng = createRng(trialSeed);
      const model = lenet5({ rng });
      const decay = decayPerEpoch(params.finalRateRatio, budget.epochs);
      const steps = numBatches(budget.trainSamples, params.batchSize);
      const optimizer = sgd(exponentialDecay({ init: params.learningRate, decayRate: decay, decaySteps: steps, staircase: true }), { momentum: params.momentum });
      await fit(model, proxy, { loss: softmaxCrossEntropy, optimizer, epochs: budget.epochs, batchSize: params.batchSize, rng, progress: false });
      return 1 - evaluate(model, validation, { metrics: { accuracy } }).metrics.accuracy;
    },
    async onTrial(trial, { done, total, best }) {
      await appendFile(logFile, `${trialLogLine(trial)}\n`);
      const score = trial.score === null ? `failed (${trial.error})` : `validation error ${(100 * trial.score).toFixed(2)} %`;
      log(`trial ${done}/${total}: ${score}, ${trial.seconds.toFixed(0)} s; best so far ${best?.score === undefined || best.score === null ? '-' : `${(100 * best.score).toFixed(2)} %`}`);
    },
  });
  if (result.best === undefined) throw new Error('every trial of the recipe search failed');
  const trials = result.trials as Trial<RecipeParams>[];
  let best = Infinity;
  const bestSoFar = trials.map((t, i) => [i + 1, (best = Math.min(best, t.score ?? Infinity)) * 100] as [number, number]);
  await writeFile(`${dir}/trials.txt`, `${formatTrials(result)}\n`);
  await writeFile(`${dir}/best.json`, `${JSON.stringify({ budget, seed, best: result.best }, null, 2)}\n`);
  await writeFile(`${dir}/search.svg`, lineChartSvg({
    title: 'LeNet-5 recipe search: best validation error so far',
    xLabel: 'trials',
    yLabel: 'validation error (%)',
    series: [{ name: 'Bayesian optimization (GP, EI)', points: bestSoFar }],
  }));
  log(formatTrials(result, { limit: 5 }));
  return { best: result.best.params as RecipeParams, trials };
}
