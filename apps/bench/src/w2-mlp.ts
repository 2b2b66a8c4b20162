import { type Dataset, createRng, fit, predict, sgd, softmaxCrossEntropy } from '@nn/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type Context, type NnBackend, type Row, attempt, notAvailable, withNnBackend, withNnBackendSync } from './context';
import { type BenchData, PIXELS, TEST_SAMPLES, accuracyOf, nnDataset, permutation } from './data';
import { MLP_FORWARD_FLOPS, TRAIN_FLOPS_FACTOR, brainMlp, convnetMlp, nnMlp, tfjsMlp } from './models';
import { type Brain, type ConvNetJs, type TfBackend, type Tfjs, loadBrain, loadConvNetJs, loadTfjs } from './peers';
import type { Figure } from './table';
import { type TrainResult, type Trainer, runTraining } from './train';
import { trainTogether } from './train-together';

const CASE = 'MLP 784-256-10';
const LEARNING_RATE = 0.05;
const BATCH = 64;

/** samples/s → effective GFLOPS of training (3 × the forward pass's 2 flops per multiply-add). */
export function mlpTrainGflops(samplesPerSecond: number): number {
  return (samplesPerSecond * MLP_FORWARD_FLOPS * TRAIN_FLOPS_FACTOR) / 1e9;
}

function figureOf(result: TrainResult) {
  return {
    samplesPerSecond: result.samplesPerSecond,
    gflops: mlpTrainGflops(result.samplesPerSecond),
    ...(result.accuracy === undefined ? {} : { accuracy: result.accuracy }),
    detail: result.detail,
  };
}

/**
 * W2: the MLP 784-256-10 (ReLU, softmax cross-entropy) trained by plain SGD, learning rate 0.05, batch
 * 64, on the 8,000 MNIST digits; samples/s after a warm-up pass, and (full runs) the test accuracy
 * after 5 epochs or more. @nn's wasm backends and tfjs wasm, whose ratios are issue 15's goals, are
 * timed interleaved (runTrainingTogether: the median of `plan.mlp.rounds` passes each, then on to the
 * accuracy epochs); @nn's cpu backend and the other peers each in one pass of its own.
 */
export async function runW2(ctx: Context): Promise<Figure[]> {
  const data = await ctx.data();
  const row = { workload: 'W2', case: CASE } as const;
  const nnRow = (b: NnBackend) => ({ ...row, library: '@nn', backend: b.name, ours: true }) as const;
  const rows = new Map(ctx.nnBackends.map((b) => [b, nnRow(b)]));
  const alone = new Map<Row, Figure>();
  for (const b of ctx.nnBackends.filter((b) => b.name === 'cpu')) {
    alone.set(rows.get(b)!, await attempt(ctx, rows.get(b)!, async () => figureOf(await withNnBackend(b, () => runTraining(nnTrainer(data, b), ctx.plan.mlp.batched)))));
  }
  const tfjs = await loadTfjs();
  const tfjsRow = (backend: TfBackend) => ({ ...row, library: 'tfjs', backend, ours: false }) as const;
  const tfjsWasm = tfjsRow('wasm');
  const together = await trainTogether(ctx, `W2 ${CASE}`, [
    ...ctx.nnBackends.filter((b) => b.name !== 'cpu').map((b) => ({ row: rows.get(b)!, plan: ctx.plan.mlp.batched, setup: async () => nnTrainer(data, b) })),
    ...(tfjs.ok ? [{ row: tfjsWasm, plan: ctx.plan.mlp.batched, setup: () => tfjsTrainer(tfjs.value, 'wasm', data) }] : []),
  ], ctx.plan.mlp.rounds, figureOf);
  const tfjsCpu = tfjsRow('cpu');
  const tfjsFigures = tfjs.ok
    ? [
      await attempt(ctx, tfjsCpu, async () => {
        const figure = figureOf(await runTraining(await tfjsTrainer(tfjs.value, 'cpu', data), ctx.plan.mlp.tfjsCpu));
        return ctx.plan.mlp.batched.accuracyEpochs > 0 ? { ...figure, note: 'no accuracy run (slow): tfjs wasm trains the same model' } : figure;
      }),
      together.get(tfjsWasm)!,
    ]
    : [notAvailable(tfjsCpu, tfjs.reason), notAvailable(tfjsWasm, tfjs.reason)];
  const figures: Figure[] = [...ctx.nnBackends.map((b) => alone.get(rows.get(b)!) ?? together.get(rows.get(b)!)!), ...tfjsFigures];
  const convnetjs = await loadConvNetJs();
  const convPeer = { ...row, library: 'ConvNetJS', backend: 'js (float64)', ours: false } as const;
  figures.push(convnetjs.ok
    ? await attempt(ctx, convPeer, async () => figureOf(await runTraining(convnetTrainer(convnetjs.value, data), ctx.plan.mlp.perSample)))
    : notAvailable(convPeer, convnetjs.reason));
  const brain = await loadBrain();
  const brainPeer = { ...row, library: 'brain.js', backend: 'js', ours: false } as const;
  figures.push(brain.ok
    ? await attempt(ctx, brainPeer, async () => {
      const { warmup, timed, accuracyEpochs } = ctx.plan.mlp.brain;
      const trainer = brainTrainer(brain.value, data, accuracyEpochs > 0 ? data.yTrain.length : Math.max(warmup, timed));
      const result = figureOf(await runTraining(trainer, ctx.plan.mlp.brain));
      return { ...result, note: `batch 1, squared error on ReLU outputs${trainer.diagnosis()}` };
    })
    : notAvailable(brainPeer, brain.reason));
  return figures;
}

// ---------------------------------------------------------------- trainers

/** @nn's MLP on backend `b`: each pass (and the accuracy) switches to it, so that trainers of several backends can take turns. */
function nnTrainer(data: BenchData, b: NnBackend): Trainer {
  const model = nnMlp(createRng(1));
  const optimizer = sgd(LEARNING_RATE);
  const sets = new Map<number, Dataset>();
  const test = nnDataset(data.xTest, data.yTest, TEST_SAMPLES);
  return {
    epoch: (count, seed) => withNnBackend(b, async () => {
      if (!sets.has(count)) sets.set(count, nnDataset(data.xTrain, data.yTrain, count));
      await fit(model, sets.get(count)!, { loss: softmaxCrossEntropy, optimizer, batchSize: BATCH, epochs: 1, shuffle: true, seed, progress: false });
    }),
    accuracy: () => accuracyOf(withNnBackendSync(b, () => predict(model, test.x).dataSync()), 10, data.yTest),
  };
}

async function tfjsTrainer(tfjs: Tfjs, backend: TfBackend, data: BenchData): Promise<Trainer> {
  const { tf, tfl, use } = tfjs;
  await use(backend);
  const model = tfjsMlp(tfl);
  model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: (labels: TfTensor, logits: TfTensor) => tf.losses.softmaxCrossEntropy(labels, logits) });
  return tfjsFitTrainer(tfjs, model, data, [PIXELS], BATCH);
}

/** model.fit over the first `count` samples (one-hot float32 labels), shuffled by tfjs. */
export function tfjsFitTrainer({ tf }: Pick<Tfjs, 'tf'>, model: LayersModel, data: BenchData, shape: number[], batchSize: number): Trainer {
  const sets = new Map<number, [TfTensor, TfTensor]>();
  const tensorsOf = (x: Float32Array, y: Int32Array, count: number): [TfTensor, TfTensor] => [
    tf.tensor(x.subarray(0, count * PIXELS), [count, ...shape], 'float32'),
    tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y.subarray(0, count), 'int32'), 10), 'float32')),
  ];
  return {
    async epoch(count) {
      if (!sets.has(count)) sets.set(count, tensorsOf(data.xTrain, data.yTrain, count));
      const [x, y] = sets.get(count)!;
      await model.fit(x, y, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    },
    accuracy() {
      const [x] = tensorsOf(data.xTest, data.yTest, TEST_SAMPLES);
      const logits = model.predict(x) as TfTensor;
      const accuracy = accuracyOf(logits.dataSync(), 10, data.yTest);
      x.dispose();
      logits.dispose();
      return accuracy;
    },
    dispose() {
      for (const pair of sets.values()) tf.dispose(pair);
      model.dispose();
    },
  };
}

function convnetTrainer(convnetjs: ConvNetJs, data: BenchData): Trainer {
  const net = convnetMlp(convnetjs);
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: LEARNING_RATE, batch_size: BATCH, momentum: 0 });
  return convnetSampleTrainer(convnetjs, net, (x, y) => trainer.train(x, y), data);
}

/** Sample by sample through one reused input volume (ConvNetJS has no batched forward). */
export function convnetSampleTrainer(
  convnetjs: { Vol: typeof import('convnetjs').Vol },
  net: import('convnetjs').Net,
  train: (x: import('convnetjs').Vol, y: number) => void,
  data: BenchData,
): Trainer {
  const vol = new convnetjs.Vol(28, 28, 1, 0);
  return {
    epoch(count, seed) {
      for (const i of permutation(count, seed)) {
        vol.w.set(data.xTrain.subarray(i * PIXELS, (i + 1) * PIXELS));
        train(vol, data.yTrain[i]);
      }
    },
    accuracy() {
      const scores = new Float64Array(TEST_SAMPLES * 10);
      for (let i = 0; i < TEST_SAMPLES; i++) {
        vol.w.set(data.xTest.subarray(i * PIXELS, (i + 1) * PIXELS));
        scores.set(net.forward(vol, false).w, i * 10);
      }
      return accuracyOf(scores, 10, data.yTest);
    },
  };
}

/**
 * brain.js's own loop: `train(data, { iterations: 1 })` is one pass with one update per sample. Its
 * options reject momentum 0, so 1e-9 stands for plain SGD. `diagnosis()` tells how the outputs of the
 * last accuracy run looked (all-zero rows: dead ReLU outputs; NaN: divergence).
 */
function brainTrainer(brain: Brain, data: BenchData, needed: number): Trainer & { diagnosis(): string } {
  const net = brainMlp(brain);
  // brain.js wants plain arrays (a typed array is read as a lookup table); built once, outside the timing.
  const samples = Array.from({ length: needed }, (_, i) => ({
    input: Array.from(data.xTrain.subarray(i * PIXELS, (i + 1) * PIXELS)),
    output: Array.from({ length: 10 }, (_, k) => (k === data.yTrain[i] ? 1 : 0)),
  }));
  let diagnosis = '';
  return {
    epoch(count, seed) {
      const order = permutation(count, seed);
      net.train(Array.from(order, (i) => samples[i]), { iterations: 1, learningRate: LEARNING_RATE, momentum: 1e-9, errorThresh: 1e-6, log: false });
    },
    accuracy() {
      const scores = new Float32Array(TEST_SAMPLES * 10);
      let dead = 0;
      let nan = 0;
      for (let i = 0; i < TEST_SAMPLES; i++) {
        const out = net.run(data.xTest.subarray(i * PIXELS, (i + 1) * PIXELS) as never) as unknown as ArrayLike<number>;
        scores.set(out, i * 10);
        const row = Array.from(out);
        if (row.some(Number.isNaN)) nan++;
        else if (row.every((v) => v === 0)) dead++;
      }
      diagnosis = `; test outputs all zero (dead ReLU) for ${((dead / TEST_SAMPLES) * 100).toFixed(0)}%, NaN for ${((nan / TEST_SAMPLES) * 100).toFixed(0)}%`;
      return accuracyOf(scores, 10, data.yTest);
    },
    diagnosis: () => diagnosis,
  };
}
