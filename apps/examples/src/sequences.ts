import { mkdir, writeFile } from 'node:fs/promises';
import {
  type History, type Rng, type Tensor, adam, chain, clipByGlobalNorm, createRng, dense, fit, lineChartSvg, lstm, meanSquaredError,
  predict, reshape, sequential, simpleRnn, tensor, useBackend,
} from '@nn/core';
import { parseFlags } from './flags';
import { ROW_MNIST_QUICK, type RowMnistOptions, rowMnist } from './sequences-mnist';

export interface SequencesOptions {
  /** T, the length of the adding problem's sequences. Default 50 (Hochreiter & Schmidhuber's shortest). */
  readonly steps?: number;
  /** Hidden units of each recurrent network. Default 32 (the sine forecast: 16). */
  readonly units?: number;
  /** Training sequences of the adding problem (one fixed set). Default 8,000. */
  readonly train?: number;
  /** Test sequences, drawn apart. Default 1,000. */
  readonly test?: number;
  /** Passes over the adding problem's training set. Default 6. */
  readonly epochs?: number;
  /** Passes over the sine windows. Default 30. */
  readonly sineEpochs?: number;
  /** Steps forecast by feeding each prediction back. Default 75 (three periods). */
  readonly horizon?: number;
  /** Sequences per update on the adding problem. Default 16. */
  readonly batchSize?: number;
  /** Adam's step size on the adding problem. Default 0.003. */
  readonly learningRate?: number;
  /** Called after each epoch of the adding problem, e.g. to print progress. */
  readonly onEpoch?: (cell: string, epoch: number, loss: number) => void;
  readonly seed?: number;
}

/** `--quick`: T = 10, 300 training sequences, 3 epochs; a shorter sine run. */
export const QUICK: SequencesOptions = { steps: 10, units: 8, train: 300, test: 200, epochs: 3, batchSize: 32, learningRate: 0.01, sineEpochs: 4, horizon: 25 };

const BATCH = 16;
const LEARNING_RATE = 0.003;
const CLIP = 1;

/**
 * The adding problem (Hochreiter & Schmidhuber 1997, experiment 4): n sequences of T steps of two
 * features, a value drawn from U(−1, 1) and a marker. The marker is 1 at two steps — one among the
 * first ten, the other among the first T/2 (not the same) — and 0 elsewhere; the target is
 * 0.5 + (X₁ + X₂)/4 of the two marked values X₁, X₂. The network must keep two numbers for at
 * least T/2 steps while ignoring the values in between. Predicting the mean, 0.5, scores an MSE of 1/24.
 */
export function addingProblem(n: number, steps: number, rng: Rng): { x: Tensor; y: Tensor } {
  const x = new Array<number>(n * steps * 2).fill(0);
  const y = new Array<number>(n);
  const pick = (below: number) => Math.min(below - 1, Math.floor(rng.uniform() * below));
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < steps; t++) x[(s * steps + t) * 2] = 2 * rng.uniform() - 1;
    const first = pick(Math.min(10, steps));
    let second = pick(Math.max(2, Math.floor(steps / 2)));
    if (second === first) second = (first + 1) % Math.max(2, Math.floor(steps / 2));
    x[(s * steps + first) * 2 + 1] = 1;
    x[(s * steps + second) * 2 + 1] = 1;
    y[s] = 0.5 + (x[(s * steps + first) * 2] + x[(s * steps + second) * 2]) / 4;
  }
  return { x: tensor(x, [n, steps, 2]), y: tensor(y, [n, 1]) };
}

export interface AddingResult {
  readonly cell: 'lstm' | 'simpleRnn';
  readonly history: History;
  /** Mean squared error on the test sequences (predicting 0.5 scores 1/24 ≈ 0.0417). */
  readonly testMse: number;
  /** Fraction of test sequences predicted within 0.04, Hochreiter & Schmidhuber's criterion. */
  readonly solved: number;
  readonly seconds: number;
}

/** Trains `cell` → dense(1) on the adding problem with Adam and gradient clipping by global norm. */
export async function trainAdding(
  cell: 'lstm' | 'simpleRnn',
  { steps = 50, units = 32, train = 8000, test = 1000, epochs = 6, batchSize = BATCH, learningRate = LEARNING_RATE, onEpoch, seed = 1 }: SequencesOptions = {},
): Promise<AddingResult> {
  const rng = createRng(seed);
  const trainSet = addingProblem(train, steps, rng);
  const testSet = addingProblem(test, steps, createRng(seed + 1000));
  const make = cell === 'lstm' ? lstm : simpleRnn;
  const model = sequential(make(2, units, { rng }), dense(units, 1, { rng }));
  const start = performance.now();
  const history = await fit(model, trainSet, {
    loss: meanSquaredError,
    optimizer: chain(clipByGlobalNorm(CLIP), adam(learningRate)),
    epochs, batchSize, seed, progress: false,
    callbacks: onEpoch === undefined ? [] : [{ onEpochEnd: (logs) => onEpoch(cell, logs.epoch, logs.loss) }],
  });
  const seconds = (performance.now() - start) / 1000;
  const p = predict(model, testSet.x).dataSync();
  const t = testSet.y.dataSync();
  let se = 0;
  let within = 0;
  for (let i = 0; i < test; i++) {
    se += (p[i] - t[i]) ** 2;
    if (Math.abs(p[i] - t[i]) < 0.04) within++;
  }
  return { cell, history, testMse: se / test, solved: within / test, seconds };
}

export interface SineResult {
  readonly history: History;
  /** The true continuation and the forecast, each `horizon` values. */
  readonly truth: readonly number[];
  readonly forecast: readonly number[];
  /** Root mean squared error of the forecast, and of holding the last observed value. */
  readonly rmse: number;
  readonly holdRmse: number;
  readonly svg: string;
}

/**
 * A sine of period 25 steps, observed for 400 steps: an LSTM(16) → dense(1) learns to predict the
 * next value from the last 20 (Adam, gradients clipped by global norm), then forecasts `horizon` steps
 * by feeding each prediction back as the next input, carrying its state with `forwardWithState`.
 */
export async function sineForecast({ sineEpochs = 30, horizon = 75, seed = 1, units = 16 }: SequencesOptions = {}): Promise<SineResult> {
  const period = 25;
  const observed = 400;
  const window = 20;
  const wave = (t: number) => Math.sin((2 * Math.PI * t) / period);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 0; t + window < observed; t++) {
    for (let k = 0; k < window; k++) xs.push(wave(t + k));
    ys.push(wave(t + window));
  }
  const rng = createRng(seed);
  const rnn = lstm(1, units, { rng });
  const head = dense(units, 1, { rng });
  const history = await fit(sequential(rnn, head), { x: tensor(xs, [ys.length, window, 1]), y: tensor(ys, [ys.length, 1]) }, {
    loss: meanSquaredError,
    optimizer: chain(clipByGlobalNorm(CLIP), adam(0.01)),
    epochs: sineEpochs, batchSize: 32, seed, progress: false,
  });
  // (1) read the last window of the observed series; (2) feed each prediction back, one step at a time
  const last = Array.from({ length: window }, (_, k) => wave(observed - window + k));
  let { state } = rnn.forwardWithState(tensor(last, [1, window, 1]));
  const forecast: number[] = [];
  for (let k = 0; k < horizon; k++) {
    const next = head.forward(state.h).item();
    forecast.push(next);
    ({ state } = rnn.forwardWithState(reshape(tensor([next]), [1, 1, 1]), { initialState: state }));
  }
  const truth = Array.from({ length: horizon }, (_, k) => wave(observed + k));
  const rms = (a: readonly number[]) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
  const rmse = rms(forecast.map((f, k) => f - truth[k]));
  const holdRmse = rms(truth.map((v) => v - wave(observed - 1)));
  const svg = lineChartSvg({
    title: `LSTM(${units}) forecast of a sine, fed its own predictions (RMSE ${rmse.toFixed(3)})`,
    xLabel: 'step',
    yLabel: 'value',
    series: [
      { name: 'observed', points: Array.from({ length: 2 * window }, (_, k) => [observed - 2 * window + k, wave(observed - 2 * window + k)] as const) },
      { name: 'true continuation', points: truth.map((v, k) => [observed + k, v] as const) },
      { name: 'forecast', points: forecast.map((v, k) => [observed + k, v] as const) },
    ],
  });
  return { history, truth, forecast, rmse, holdRmse, svg };
}

/**
 * Runs the adding problem for both cells and the sine forecast; prints the figures and writes the chart
 * into --out. With --mnist, row-by-row MNIST instead (tens of minutes on the full set).
 */
export async function main(args: readonly string[] = []): Promise<void> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1] : 'out/sequences';
  const rest = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
  const flags = parseFlags('sequences', rest, { integers: ['steps', 'epochs', 'seed'], switches: ['quick', 'mnist'] });
  if (flags.mnist) {
    await mainRowMnist({
      ...(flags.quick ? ROW_MNIST_QUICK : {}),
      ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    });
    return;
  }
  const options: SequencesOptions = {
    ...(flags.quick ? QUICK : {}),
    ...(flags.steps === undefined ? {} : { steps: flags.steps }),
    ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
  };
  const backend = (await useBackend('wasm')).name;
  const o = { steps: 50, units: 32, train: 8000, epochs: 6, batchSize: BATCH, learningRate: LEARNING_RATE, ...options };
  console.log(`The adding problem, T = ${o.steps}: ${o.train} training sequences, ${o.units} units, ${o.epochs} epochs of Adam (lr ${o.learningRate}, batches of ${o.batchSize}) with gradients clipped to global norm ${CLIP}; backend ${backend}`);
  console.log('predicting 0.5 for every sequence: test MSE 0.0417');
  for (const cell of ['lstm', 'simpleRnn'] as const) {
    const r = await trainAdding(cell, { ...options, onEpoch: (c, epoch, loss) => console.log(`  ${c} epoch ${epoch}: training loss ${loss.toFixed(4)}`) });
    console.log(`${cell.padEnd(9)}: test MSE ${r.testMse.toFixed(4)}, ${(100 * r.solved).toFixed(1)}% of test sequences within 0.04, training loss ${r.history.epochs[0].loss.toFixed(4)} → ${r.history.epochs[r.history.epochs.length - 1].loss.toFixed(4)} (${r.seconds.toFixed(0)} s)`);
  }
  const s = await sineForecast(options);
  console.log(`sine forecast, ${s.forecast.length} steps fed back: RMSE ${s.rmse.toFixed(4)} (holding the last value: ${s.holdRmse.toFixed(4)})`);
  await mkdir(out, { recursive: true });
  await writeFile(`${out}/sine-forecast.svg`, s.svg);
  console.log(`wrote ${out}/sine-forecast.svg`);
}

/** Row-by-row MNIST: prints the validation curve as it trains, then the test accuracy of the best epoch. */
async function mainRowMnist(options: RowMnistOptions): Promise<void> {
  const backend = (await useBackend('wasm')).name;
  const o = { units: 128, batchSize: 128, learningRate: 0.002, epochs: 8, ...options };
  console.log(`Row-by-row MNIST: LSTM(${o.units}) → dense(10), Adam (lr ${o.learningRate}, × 0.8 per epoch, batches of ${o.batchSize}) behind clipByGlobalNorm(1), at most ${o.epochs} epochs, the last training digits held out for validation; backend ${backend}`);
  const r = await rowMnist({
    ...options,
    onEpoch: (logs) => console.log(`  epoch ${logs.epoch}: training loss ${logs.loss.toFixed(4)}, accuracy ${(100 * logs.metrics.accuracy).toFixed(2)}%; validation accuracy ${(100 * (logs.valMetrics?.accuracy ?? NaN)).toFixed(2)}% (${logs.seconds.toFixed(0)} s)`),
  });
  console.log(`kept epoch ${r.bestEpoch} (validation accuracy ${(100 * r.validationAccuracy).toFixed(2)}%): test accuracy ${(100 * r.testAccuracy).toFixed(2)}% (${r.testErrors} errors in ${r.testSamples}); ${r.seconds.toFixed(0)} s of training`);
}
