import { mkdir, writeFile } from 'node:fs/promises';
import {
  type Dataset, type GradientTransformation, type History, type Layer, type Params, type Rng, type Tensor, accuracy, activation, bagging, chain,
  createRng, dense, dropout, earlyStopping, ensemble, errorCount, fit, gaussianNoise, heNormal, l1, l2, lineChartSvg, loadMnist,
  maxNorm, posteriorSamples, predict, sequential, sgd, sgld, slice, softmaxCrossEntropy, useBackend, weightElimination, weightNoise,
  type TrainingCallback,
} from '@nn/core';
import { parseFlags } from './flags';
import { centerPixels } from './mnist-mlp';

/** Every run of the example, in the order of the table and the chart. */
export const TECHNIQUES = [
  'none', 'l2', 'l1', 'weight-elimination', 'max-norm', 'input-noise', 'weight-noise', 'weight-noise-per-example', 'dropout', 'early-stopping', 'ensemble',
  'bagging', 'sgld',
] as const;
export type Technique = (typeof TECHNIQUES)[number];

export interface OverfittingOptions {
  /** Training digits, the first ones of MNIST's training set. Default 1,000. */
  readonly train?: number;
  /** Validation digits, the next ones of the training set. Default 5,000. */
  readonly validation?: number;
  /** Test digits, the first ones of the test set. Default all 10,000. */
  readonly test?: number;
  /** Units in each of the two hidden layers. Default 800. */
  readonly hidden?: number;
  /** Passes over the training digits, the same for every run. Default 40. */
  readonly epochs?: number;
  /** Members of the ensemble and of the bagged ensemble. Default 5. */
  readonly members?: number;
  readonly seed?: number;
  /** Which runs to make. Default all of TECHNIQUES. */
  readonly techniques?: readonly Technique[];
  /** Called with a line of text as each run ends. */
  readonly log?: (line: string) => void;
}

/** `--quick`: a small network on a few digits, every technique, to see it all run in seconds. */
export const QUICK: OverfittingOptions = { train: 200, validation: 100, test: 300, hidden: 32, epochs: 6, members: 2 };

/** One curve pair of a run (a run with several members has one per member). */
export interface Curves {
  readonly name: string;
  /** Training loss after each epoch (with the penalty, dropout or noise the run trains with). */
  readonly train: readonly number[];
  /** Validation loss after each epoch (inference mode, no penalty). */
  readonly validation: readonly number[];
}

export interface TechniqueRun {
  readonly technique: Technique;
  /** What was done, with its settings. */
  readonly recipe: string;
  readonly testErrors: number;
  readonly testErrorRate: number;
  readonly curves: readonly Curves[];
  readonly seconds: number;
}

export interface OverfittingResult {
  readonly runs: readonly TechniqueRun[];
  readonly testSamples: number;
  /** Every run's training and validation curves, one panel per run, as one SVG document. */
  readonly chartSvg: string;
  /** The test errors as a Markdown table. */
  readonly table: string;
}

const LEARNING_RATE = 0.03;
const MOMENTUM = 0.9;
const BATCH = 100;

interface NetOptions {
  readonly inputNoise?: number;
  readonly inputDropout?: number;
  readonly hiddenDropout?: number;
  readonly weightNoise?: number;
  /** How weight noise is drawn: one draw per pass (default here) or per example (a dense layer's own default). */
  readonly weightNoiseResample?: 'pass' | 'example';
}

/** 784-h-h-10 with ReLU units and He-normal weights, with the noise or dropout layers asked for. */
function mlp(hidden: number, rng: Rng, { inputNoise = 0, inputDropout = 0, hiddenDropout = 0, weightNoise: sigma = 0, weightNoiseResample = 'pass' }: NetOptions = {}): Layer {
  const noisy = (l: Layer) => (sigma > 0 ? weightNoise(l, sigma, { resample: weightNoiseResample }) : l);
  const layers: Layer[] = [];
  if (inputNoise > 0) layers.push(gaussianNoise(inputNoise));
  if (inputDropout > 0) layers.push(dropout(inputDropout));
  for (const inputs of [784, hidden]) {
    layers.push(noisy(dense(inputs, hidden, { init: heNormal, rng })), activation('relu'));
    if (hiddenDropout > 0) layers.push(dropout(hiddenDropout));
  }
  layers.push(noisy(dense(hidden, 10, { rng })));
  return sequential(...layers);
}

interface Split {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
}

/**
 * The course's overfitting lesson on real data: a wide 784-800-800-10 ReLU network trained on only
 * 1,000 MNIST digits fits them perfectly and generalizes worse than it could. Each run trains the same
 * network with the same SGD (lr 0.03, momentum 0.9, batches of 100, the same epochs) and one remedy:
 * an L2, L1 or weight-elimination penalty, max-norm, Gaussian input noise, weight noise (one draw per pass, or per example), dropout
 * (0.2 on the inputs, 0.5 on the hidden units), early stopping on the validation accuracy, an ensemble
 * of independently initialized networks, bagging, or Bayesian averaging of SGLD samples. Validation
 * digits (the next 5,000 training images) give the curves and early stopping's choice; the test
 * error is measured on MNIST's 10,000 test digits.
 * @see Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov (2014), "Dropout: a simple way to prevent neural networks from overfitting".
 * @see Hinton et al. (2012), Neural Networks for Machine Learning, lectures 9 and 10.
 */
export async function overfitting({
  train = 1000,
  validation = 5000,
  test = 10000,
  hidden = 800,
  epochs = 40,
  members = 5,
  seed = 1,
  techniques = TECHNIQUES,
  log = () => {},
}: OverfittingOptions = {}): Promise<OverfittingResult> {
  const mnist = centerPixels(await loadMnist({ flatten: true, subset: { train: train + validation, test } }));
  const part = ({ x, y }: Dataset, begin: number, count: number): Dataset => ({ x: slice(x, [begin], [count]), y: slice(y, [begin], [count]) });
  const data: Split = { train: part(mnist.train, 0, train), validation: part(mnist.train, train, validation), test: mnist.test };
  const runs: TechniqueRun[] = [];
  for (const technique of techniques) {
    const started = performance.now();
    const { model, recipe, curves } = await runTechnique(technique, data, { hidden, epochs, members, seed });
    const testErrors = errorCount(predict(model, data.test.x), data.test.y);
    const run: TechniqueRun = { technique, recipe, testErrors, testErrorRate: testErrors / data.test.x.shape[0], curves, seconds: (performance.now() - started) / 1000 };
    runs.push(run);
    log(`${technique.padEnd(18)} test error ${(100 * run.testErrorRate).toFixed(2)}% (${testErrors})   ${run.seconds.toFixed(0)} s   ${recipe}`);
  }
  return { runs, testSamples: data.test.x.shape[0], chartSvg: curvesChart(runs), table: errorTable(runs) };
}

interface RunSettings {
  readonly hidden: number;
  readonly epochs: number;
  readonly members: number;
  readonly seed: number;
}

/** Trains one run's model (or members) and says how. */
async function runTechnique(technique: Technique, data: Split, { hidden, epochs, members, seed }: RunSettings): Promise<{ model: Layer; recipe: string; curves: Curves[] }> {
  const rng = createRng(seed);
  const train = async (model: Layer, options: { optimizer?: GradientTransformation<any>; regularizer?: (p: Params) => Tensor; callbacks?: TrainingCallback[]; sample?: Dataset; runSeed?: number } = {}): Promise<History> =>
    fit(model, options.sample ?? data.train, {
      loss: softmaxCrossEntropy,
      optimizer: options.optimizer ?? sgd(LEARNING_RATE, { momentum: MOMENTUM }),
      ...(options.regularizer === undefined ? {} : { regularizer: options.regularizer }),
      epochs, batchSize: BATCH, seed: options.runSeed ?? seed, validationData: data.validation,
      metrics: { accuracy }, callbacks: options.callbacks ?? [], progress: false,
    });
  const curvesOf = (name: string, h: History): Curves => ({ name, train: h.epochs.map((e) => e.loss), validation: h.epochs.map((e) => e.valLoss!) });
  const single = async (recipe: string, model: Layer, options?: Parameters<typeof train>[1]) => ({ model, recipe, curves: [curvesOf(technique, await train(model, options))] });
  switch (technique) {
    case 'none':
      return single('no regularization', mlp(hidden, rng));
    case 'l2':
      return single('L2 penalty ½λΣw², λ = 1e-3 (weights, not biases)', mlp(hidden, rng), { regularizer: l2(1e-3) });
    case 'l1':
      return single('L1 penalty λΣ|w|, λ = 3e-5', mlp(hidden, rng), { regularizer: l1(3e-5) });
    case 'weight-elimination':
      return single('weight elimination λΣ(w/w₀)²/(1 + (w/w₀)²), λ = 1e-5, w₀ = 0.1', mlp(hidden, rng), { regularizer: weightElimination(1e-5, { scale: 0.1 }) });
    case 'max-norm':
      return single("max-norm: each unit's incoming weights ‖w‖ ≤ 1.5", mlp(hidden, rng), { optimizer: chain(sgd(LEARNING_RATE, { momentum: MOMENTUM }), maxNorm(1.5)) });
    case 'input-noise':
      return single('Gaussian noise σ = 0.5 added to the (standardized) pixels', mlp(hidden, rng, { inputNoise: 0.5 }));
    case 'weight-noise':
      return single("Gaussian noise σ = 0.01 on every weight at every forward pass (one draw per pass, `resample: 'pass'`)", mlp(hidden, rng, { weightNoise: 0.01 }));
    case 'weight-noise-per-example':
      return single("the same weight noise drawn afresh for every example (`resample: 'example'`, the default for dense layers)", mlp(hidden, rng, { weightNoise: 0.01, weightNoiseResample: 'example' }));
    case 'dropout':
      return single('dropout 0.2 on the inputs, 0.5 on the hidden units', mlp(hidden, rng, { inputDropout: 0.2, hiddenDropout: 0.5 }));
    case 'early-stopping': {
      const stopper = earlyStopping({ monitor: 'val_accuracy', patience: 10 });
      const run = await single('early stopping on the validation accuracy, patience 10, best weights restored', mlp(hidden, rng), { callbacks: [stopper] });
      return { ...run, recipe: `${run.recipe} (best epoch ${stopper.best?.epoch}${stopper.stoppedEpoch === undefined ? '' : `, stopped after ${stopper.stoppedEpoch}`})` };
    }
    case 'ensemble': {
      const nets: Layer[] = [];
      const curves: Curves[] = [];
      for (let i = 0; i < members; i++) {
        nets.push(mlp(hidden, rng));
        curves.push(curvesOf(`member ${i + 1}`, await train(nets[i], { runSeed: seed + i })));
      }
      return { model: ensemble(nets), recipe: `${members} networks from different initial weights, probabilities averaged`, curves };
    }
    case 'bagging': {
      const curves: Curves[] = [];
      const model = await bagging((_i, memberRng) => mlp(hidden, memberRng), data.train, {
        models: members, rng,
        train: async (m, sample, i) => void curves.push(curvesOf(`member ${i + 1}`, await train(m, { sample, runSeed: seed + i }))),
      });
      return { model, recipe: `${members} networks, each on a bootstrap resample of the training digits, probabilities averaged`, curves };
    }
    case 'sgld': {
      // NOTE: ε = 2η/N makes the drift (ε/2)·N·g the same step as SGD's η·g (η = 0.1, no momentum); the
      // prior N(0, 1) matches the L2 run's λ·N = 1; temperature 0.02 (a cold posterior) keeps the
      // injected noise from swamping the 1.3 million weights that 1,000 digits hardly constrain.
      const n = data.train.x.shape[0];
      const stepsPerEpoch = Math.ceil(n / BATCH);
      const burnIn = Math.floor(epochs / 2) * stepsPerEpoch;
      const thin = Math.max(1, Math.floor((epochs * stepsPerEpoch - burnIn) / 10));
      const samples = posteriorSamples({ burnIn, thin });
      const model = mlp(hidden, rng);
      const h = await train(model, { optimizer: sgld({ learningRate: (2 * 0.1) / n, datasetSize: n, priorPrecision: 1, temperature: 0.02, rng: createRng(seed + 100) }), callbacks: [samples] });
      return {
        model: samples.ensemble(),
        recipe: `SGLD (ε = 0.2/N, prior N(0, 1), temperature 0.02): predictions averaged over ${samples.samples.length} weight samples taken every ${thin} steps after ${burnIn} of burn-in`,
        curves: [curvesOf('chain', h)],
      };
    }
  }
}

/** One panel per run: its training (dashed in the legend's name) and validation loss against epochs. */
export function curvesChart(runs: readonly TechniqueRun[]): string {
  const width = 420;
  const height = 300;
  const columns = 3;
  const rows = Math.ceil(runs.length / columns);
  const panels = runs.map((run, k) => {
    const series = run.curves.flatMap((c) => {
      const prefix = run.curves.length > 1 ? `${c.name} ` : '';
      return [
        { name: `${prefix}training`, points: c.train.map((v, i) => [i + 1, v] as const) },
        { name: `${prefix}validation`, points: c.validation.map((v, i) => [i + 1, v] as const) },
      ];
    });
    const svg = lineChartSvg({ title: `${run.technique}: test error ${(100 * run.testErrorRate).toFixed(2)}%`, xLabel: 'epoch', yLabel: 'cross-entropy', series, logY: true, width, height, markers: false });
    const x = (k % columns) * width;
    const y = Math.floor(k / columns) * height;
    return svg.replace('<svg xmlns="http://www.w3.org/2000/svg" ', `<svg x="${x}" y="${y}" `);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${columns * width}" height="${rows * height}" viewBox="0 0 ${columns * width} ${rows * height}">`,
    '<rect width="100%" height="100%" fill="white"/>',
    ...panels,
    '</svg>',
  ].join('\n');
}

/** | technique | test error | … as Markdown, with each run's recipe. */
function errorTable(runs: readonly TechniqueRun[]): string {
  const base = runs.find((r) => r.technique === 'none');
  const lines = ['| run | test error | vs. none | how |', '| --- | ---: | ---: | --- |'];
  for (const r of runs) {
    const delta = base === undefined || r === base ? '' : `${r.testErrors - base.testErrors > 0 ? '+' : ''}${r.testErrors - base.testErrors}`;
    lines.push(`| ${r.technique} | ${(100 * r.testErrorRate).toFixed(2)}% (${r.testErrors}) | ${delta} | ${r.recipe} |`);
  }
  return lines.join('\n');
}

/** Runs every technique, prints the table and writes the chart (and the table) into --out (default out/overfitting). */
export async function main(args: readonly string[] = []): Promise<void> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1] : 'out/overfitting';
  const rest = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
  const flags = parseFlags('overfitting', rest, { integers: ['epochs', 'seed'], switches: ['quick'] });
  const options: OverfittingOptions = { ...(flags.quick ? QUICK : {}), ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }), ...(flags.seed === undefined ? {} : { seed: flags.seed }) };
  const backend = (await useBackend('wasm')).name;
  const o = { train: 1000, validation: 5000, test: 10000, hidden: 800, epochs: 40, members: 5, ...options };
  console.log(`Overfitting on MNIST: ${o.train} training digits, ${o.validation} validation, ${o.test} test; 784-${o.hidden}-${o.hidden}-10 ReLU, SGD lr ${LEARNING_RATE} momentum ${MOMENTUM}, batches of ${BATCH}, ${o.epochs} epochs; backend ${backend}${flags.quick ? ' (--quick)' : ''}`);
  const started = performance.now();
  const r = await overfitting({ ...options, log: (line) => console.log(line) });
  await mkdir(out, { recursive: true });
  await writeFile(`${out}/curves.svg`, r.chartSvg);
  await writeFile(`${out}/test-errors.md`, `${r.table}\n`);
  console.log(`\n${r.table}\n\nwrote ${out}/curves.svg and ${out}/test-errors.md in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
