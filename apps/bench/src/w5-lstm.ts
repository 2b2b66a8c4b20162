import {
  type GradientTransformation, type Layer, type Tensor, adam, applyUpdates, cpuBackend, createRng, dense, disposeSupersededState, lstm, sequential, setBackend, slice,
  softmaxCrossEntropy, tidy, valueAndGrad,
} from '@nn/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import type { Sequential } from '@tensorflow/tfjs-layers';
import { type Contender, type Context, attemptWithTfjs } from './context';
import { PIXELS, TRAIN_SAMPLES, nnDataset } from './data';
import type { Measurement } from './measure';
import { TRAIN_FLOPS_FACTOR } from './models';
import { type TfBackend, type Tfl, loadTfjs } from './peers';
import type { Figure } from './table';

/** Each digit is read as 28 steps (its rows) of 28 features (the pixels of a row). */
export const LSTM_STEPS = 28;
export const LSTM_FEATURES = 28;
export const LSTM_UNITS = 128;
export const LSTM_BATCH = 64;
export const LSTM_LEARNING_RATE = 1e-3;
const CASE = `LSTM(${LSTM_UNITS}) → dense 10, ${LSTM_STEPS} steps × ${LSTM_FEATURES} features, batch ${LSTM_BATCH}`;

/**
 * Parameters of the model: the LSTM's W [28, 4·128], U [128, 4·128] and one bias [4·128] (TensorFlow.js
 * keeps one bias too), then dense 128 → 10: 14,336 + 65,536 + 512 + 1,280 + 10 = 81,674.
 */
export const LSTM_MODEL_PARAMS = LSTM_FEATURES * 4 * LSTM_UNITS + LSTM_UNITS * 4 * LSTM_UNITS + 4 * LSTM_UNITS + LSTM_UNITS * 10 + 10;

/**
 * Flops of one sample's forward pass, counting only the products (2 flops per multiply-add): per step
 * x_t·W [28 × 512] and h·U [128 × 512], then the dense layer [128 × 10]:
 * 28 · 2 · (28·512 + 128·512) + 2 · 128 · 10 = 4,472,832 + 2,560 = 4,475,392.
 */
export const LSTM_FORWARD_FLOPS = LSTM_STEPS * 2 * (LSTM_FEATURES + LSTM_UNITS) * 4 * LSTM_UNITS + 2 * LSTM_UNITS * 10;

/** samples/s → effective GFLOPS of training (3 × the forward pass's products). */
export function lstmTrainGflops(samplesPerSecond: number): number {
  return (samplesPerSecond * LSTM_FORWARD_FLOPS * TRAIN_FLOPS_FACTOR) / 1e9;
}

/** The figure of one contender: samples/s of its training steps, from the median step time. */
export function lstmFigure(m: Measurement): Pick<Figure, 'samplesPerSecond' | 'gflops' | 'detail'> {
  const samplesPerSecond = (LSTM_BATCH * 1000) / m.medianMs;
  return { samplesPerSecond, gflops: lstmTrainGflops(samplesPerSecond), detail: { medianMs: m.medianMs, runs: m.runs, batch: LSTM_BATCH, params: LSTM_MODEL_PARAMS } };
}

/** @nn's model: lstm(28, 128) (PyTorch's initialization, forget-gate bias 1) → dense(128, 10). */
export function nnLstmModel(seed = 1): Layer {
  const rng = createRng(seed);
  return sequential(lstm(LSTM_FEATURES, LSTM_UNITS, { rng }), dense(LSTM_UNITS, 10, { rng }));
}

/**
 * The same model in TensorFlow.js: its LSTM with the logistic sigmoid on the gates (its default is the
 * hard sigmoid) and the forget-gate bias initialized to 1 (`unitForgetBias`, its default), then dense 10.
 * U is drawn Glorot-uniform: tfjs-layers 4.22's default, orthogonal, spends about a minute in a QR
 * decomposition and then throws (`rMat.flatten is not a function`); the initializer does not change
 * what a step costs.
 */
export function tfjsLstmModel(tfl: Tfl): Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.lstm({ inputShape: [LSTM_STEPS, LSTM_FEATURES], units: LSTM_UNITS, recurrentActivation: 'sigmoid', unitForgetBias: true, recurrentInitializer: 'glorotUniform' }));
  model.add(tfl.layers.dense({ units: 10 }));
  return model;
}

/**
 * W5: LSTM training. Each MNIST digit of the bench's 8,000 is a sequence of 28 rows of 28 pixels; an
 * LSTM with 128 units reads it and its last state feeds dense 10 logits (softmax cross-entropy), trained
 * by Adam (1e-3) in batches of 64. One timed call is one training step (forward, backpropagation through
 * the 28 steps, Adam's update) on the next batch; @nn's backends and TensorFlow.js's wasm backend are
 * timed interleaved, step by step, tfjs cpu on its own (much slower). Goal: ≥ 2× tfjs wasm.
 */
export async function runW5(ctx: Context): Promise<Figure[]> {
  const data = await ctx.data();
  const row = { workload: 'W5', case: CASE } as const;
  const timing = ctx.quick ? { warmup: 2, minMs: 1500, minRuns: 5 } : { warmup: 3, minMs: 8000, minRuns: 20 };
  const batches = Math.floor(TRAIN_SAMPLES / LSTM_BATCH);
  const ours: Contender[] = ctx.nnBackends.map((b) => ({
    row: { ...row, library: '@nn', backend: b.name, ours: true },
    setup: async () => {
      setBackend(b.backend);
      const set = nnDataset(data.xTrain, data.yTrain, batches * LSTM_BATCH, [LSTM_STEPS, LSTM_FEATURES]);
      const xs = Array.from({ length: batches }, (_, i) => slice(set.x, [i * LSTM_BATCH], [LSTM_BATCH]));
      const ys = Array.from({ length: batches }, (_, i) => slice(set.y, [i * LSTM_BATCH], [LSTM_BATCH]));
      const step = nnTrainingStep(nnLstmModel(), adam(LSTM_LEARNING_RATE), xs, ys);
      setBackend(cpuBackend);
      return {
        run: () => {
          setBackend(b.backend);
          step();
        },
        teardown: () => setBackend(cpuBackend),
      };
    },
  }));
  const tfjs = await loadTfjs();
  const tfjsRow = (backend: TfBackend) => ({ ...row, library: 'tfjs', backend, ours: false }) as const;
  const tfjsContender = (backend: TfBackend): Contender => {
    if (!tfjs.ok) throw new Error(tfjs.reason);
    const { tf, tfl, use } = tfjs.value;
    return {
      row: tfjsRow(backend),
      setup: async () => {
        await use(backend);
        const model = tfjsLstmModel(tfl);
        const optimizer = tf.train.adam(LSTM_LEARNING_RATE);
        const x = tf.tensor(data.xTrain.subarray(0, batches * LSTM_BATCH * PIXELS), [batches * LSTM_BATCH, LSTM_STEPS, LSTM_FEATURES], 'float32');
        const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.yTrain.subarray(0, batches * LSTM_BATCH), 'int32'), 10), 'float32'));
        const xs = Array.from({ length: batches }, (_, i) => tf.slice(x, [i * LSTM_BATCH], [LSTM_BATCH]));
        const ys = Array.from({ length: batches }, (_, i) => tf.slice(y, [i * LSTM_BATCH], [LSTM_BATCH]));
        let next = 0;
        return {
          run: () => {
            const i = next++ % batches;
            const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys[i], model.apply(xs[i], { training: true }) as TfTensor) as never, true);
            cost?.dataSync();
            cost?.dispose();
          },
          teardown: () => {
            tf.dispose([x, y, ...xs, ...ys]);
            optimizer.dispose();
            model.dispose();
          },
        };
      },
    };
  };
  return attemptWithTfjs(ctx, ours, tfjsRow, tfjs.ok ? tfjsContender : tfjs.reason, timing, lstmFigure);
}

/** One training step per call, as fit takes it (forward, backward, update in one tidy), on the next batch in turn. */
function nnTrainingStep(model: Layer, optimizer: GradientTransformation<any>, xs: readonly Tensor[], ys: readonly Tensor[]): () => void {
  let state = optimizer.init(model.params);
  let next = 0;
  return () => {
    const i = next++ % xs.length;
    tidy(() => {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(xs[i], { training: true }), ys[i]), model.params);
      const [updates, nextState] = optimizer.update(grads, state, model.params);
      applyUpdates(model.params, updates);
      disposeSupersededState(state, nextState); // as fit does
      state = nextState;
      return [model.params, state];
    });
  };
}
