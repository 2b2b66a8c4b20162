import { mkdir, writeFile } from 'node:fs/promises';
import { formatConfusionMatrix, load, loadMnist, save, useBackend } from '@nn/core';
import { type MnistOptions, parseArgs, usage } from './args';
import { curvesSvg } from './report/curves-svg';
import { galleryPng } from './report/gallery-png';
import { QUICK_SEARCH_BUDGET, SEARCH_BUDGET, searchRecipe } from './search';
import { type MnistRun, type TestReport, testReport, trainMnist } from './train';

function printReport(report: TestReport): void {
  console.log(`test error: ${report.errors} of ${report.samples} (${(100 * report.errorRate).toFixed(2)}%), loss ${report.loss.toFixed(4)}`);
  console.log(formatConfusionMatrix({ matrix: report.confusion, numClasses: 10 }));
}

/** Writes the model, learning curves, gallery and a JSON summary into `out`. */
async function writeOutputs(run: MnistRun, options: MnistOptions, backend: string): Promise<void> {
  await mkdir(options.out, { recursive: true });
  await save(run.model, `${options.out}/model`);
  const epochs = run.history.epochs;
  // The held-out curve: real validation digits with --validation, else the test set, observed only.
  const heldOut = options.validation > 0
    ? { name: 'validation', loss: epochs.map((e) => e.valLoss ?? NaN), error: epochs.map((e) => 100 * (1 - (e.valMetrics?.accuracy ?? NaN))) }
    : { name: 'test (observed only)', loss: run.testCurve.map((p) => p.loss), error: run.testCurve.map((p) => 100 * p.errorRate) };
  await writeFile(`${options.out}/loss.svg`, curvesSvg('LeNet-5 on MNIST: loss', [
    { name: 'training', values: epochs.map((e) => e.loss), color: '#1f77b4' },
    { name: heldOut.name, values: heldOut.loss, color: '#d62728', dashed: true },
  ], 'cross-entropy'));
  await writeFile(`${options.out}/error.svg`, curvesSvg('LeNet-5 on MNIST: error rate (%)', [
    { name: 'training', values: epochs.map((e) => 100 * (1 - e.metrics.accuracy)), color: '#1f77b4' },
    { name: heldOut.name, values: heldOut.error, color: '#d62728', dashed: true },
  ], 'error (%)'));
  await writeFile(`${options.out}/misclassified.png`, galleryPng(run.test.misclassified));
  const { misclassified, ...test } = run.test;
  // NOTE: per-epoch test figures are stored as `testCurve`, never as validation: `history` holds
  // validation fields only when --validation held out training digits.
  const summary = { options, backend, trainSamples: run.trainSamples, seconds: run.seconds, test, misclassifiedIndices: misclassified.map((m) => m.index), history: run.history, testCurve: run.testCurve };
  await writeFile(`${options.out}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  if (options.help) {
    console.log(usage);
    return;
  }
  const backend = (await useBackend(options.backend)).name;
  if (options.search) {
    const budget = { ...(options.quick ? QUICK_SEARCH_BUDGET : SEARCH_BUDGET), ...(options.trials === undefined ? {} : { trials: options.trials }) };
    console.log(`recipe search: ${budget.trials} trials of LeNet-5 on ${budget.trainSamples} training digits for ${budget.epochs} epochs, scored on the next ${budget.validationSamples} training digits (the test set is not loaded), seed ${options.seed}, backend ${backend}`);
    const { best } = await searchRecipe({ dir: options.out, dataDir: options.dataDir, budget, seed: options.seed });
    console.log(`chosen recipe: ${JSON.stringify(best)}; wrote into ${options.out}: {trials.jsonl, trials.txt, confirm.jsonl, confirm.txt, best.json, search.svg}`);
    return;
  }
  if (options.evalDir !== undefined) {
    const model = await load(options.evalDir);
    const { test } = await loadMnist({ dir: options.dataDir, subset: options.quick ? { train: 1, test: 1000 } : undefined });
    printReport(testReport(model, test.x, test.y));
    return;
  }
  console.log(`LeNet-5 on MNIST: ${options.epochs} epochs, batch ${options.batchSize}, lr ${options.learningRate} (×${options.lrDecay}/epoch), momentum ${options.momentum}${options.augment ? ', augmented' : ''}, seed ${options.seed}, backend ${backend}${options.quick ? ' (quick)' : ''}`);
  const run = await trainMnist(options);
  printReport(run.test);
  await writeOutputs(run, options, backend);
  console.log(`trained on ${run.trainSamples} digits in ${run.seconds.toFixed(0)} s; wrote into ${options.out}: {model/, loss.svg, error.svg, misclassified.png, summary.json}`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`mnist: ${(e as Error).message}`);
  process.exitCode = 1;
});
