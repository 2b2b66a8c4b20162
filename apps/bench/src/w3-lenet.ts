import { type Dataset, createRng, fit, sgd, softmaxCrossEntropy } from '@nn/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import { type Context, type NnBackend, type Row, attempt, notAvailable, withNnBackend } from './context';
import { type BenchData, nnDataset } from './data';
import { LENET5_FORWARD_FLOPS, TRAIN_FLOPS_FACTOR, convnetLenet5, tfjsLenet5 } from './models';
import { findLenet5 } from './nn-optional';
import { type TfBackend, type Tfjs, loadConvNetJs, loadTfjs } from './peers';
import type { Figure } from './table';
import { type TrainResult, type Trainer, runTraining } from './train';
import { trainTogether } from './train-together';
import { convnetSampleTrainer, tfjsFitTrainer } from './w2-mlp';

const CASE = 'LeNet-5';
const LEARNING_RATE = 0.01;
const MOMENTUM = 0.9;
const BATCH = 32;

/** samples/s → effective GFLOPS of training (3 × the forward pass's 2 flops per multiply-add). */
export function lenetTrainGflops(samplesPerSecond: number): number {
  return (samplesPerSecond * LENET5_FORWARD_FLOPS * TRAIN_FLOPS_FACTOR) / 1e9;
}

const figureOf = (result: TrainResult) => ({
  samplesPerSecond: result.samplesPerSecond,
  gflops: lenetTrainGflops(result.samplesPerSecond),
  detail: result.detail,
});

/**
 * Why TensorFlow.js cannot train LeNet-5 on `backend`, if it cannot: the gradient kernels a conv net
 * needs are looked up in tfjs's kernel registry.
 */
export function tfjsConvTrainingGap(tf: Tfjs['tf'], backend: TfBackend): string | undefined {
  const missing = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'].filter((k) => tf.getKernel(k, backend) === undefined);
  return missing.length === 0 ? undefined : `tfjs ${backend} cannot train it: ${missing.join(', ')} missing`;
}

/**
 * W3: LeNet-5 (ReLU, max-pooling) trained by SGD with momentum 0.9, learning rate 0.01, batch 32, on
 * the first MNIST digits; samples/s after a warm-up pass. @nn's wasm backends and ConvNetJS, whose
 * ratios are issue 15's goals, are timed interleaved (runTrainingTogether: the median of
 * `plan.lenet.rounds` passes each); @nn's cpu backend and tfjs, far slower, each in one pass of its own.
 */
export async function runW3(ctx: Context): Promise<Figure[]> {
  const data = await ctx.data();
  const row = { workload: 'W3', case: CASE } as const;
  const lenet5 = findLenet5();
  const nnRow = (b: NnBackend) => ({ ...row, library: '@nn', backend: b.name, ours: true }) as const;
  const nnTrainer = async (b: NnBackend): Promise<Trainer> => {
    if (!lenet5.ok) throw new Error(lenet5.reason);
    const build = lenet5.value;
    const model = await withNnBackend(b, () => build({ activation: 'relu', pooling: 'max', rng: createRng(1) }));
    const optimizer = sgd(LEARNING_RATE, { momentum: MOMENTUM });
    const sets = new Map<number, Dataset>();
    return {
      epoch: (count, seed) => withNnBackend(b, async () => {
        if (!sets.has(count)) sets.set(count, nnDataset(data.xTrain, data.yTrain, count, [1, 28, 28]));
        await fit(model, sets.get(count)!, { loss: softmaxCrossEntropy, optimizer, batchSize: BATCH, epochs: 1, shuffle: true, seed, progress: false });
      }),
    };
  };
  const rows = new Map(ctx.nnBackends.map((b) => [b, nnRow(b)]));
  const ours = new Map<Row, Figure>();
  for (const b of ctx.nnBackends.filter((b) => b.name === 'cpu')) {
    const r = rows.get(b)!;
    ours.set(r, lenet5.ok ? await attempt(ctx, r, async () => figureOf(await runTraining(await nnTrainer(b), ctx.plan.lenet.batched))) : notAvailable(r, lenet5.reason));
  }
  const convnetjs = await loadConvNetJs();
  const convPeer = { ...row, library: 'ConvNetJS', backend: 'js (float64)', ours: false } as const;
  const convnetTrainer = async (): Promise<Trainer> => {
    if (!convnetjs.ok) throw new Error(convnetjs.reason);
    const net = convnetLenet5(convnetjs.value);
    const trainer = new convnetjs.value.Trainer(net, { method: 'sgd', learning_rate: LEARNING_RATE, batch_size: BATCH, momentum: MOMENTUM });
    return convnetSampleTrainer(convnetjs.value, net, (x, y) => trainer.train(x, y), data);
  };
  const together = await trainTogether(ctx, `W3 ${CASE}`, [
    ...ctx.nnBackends.filter((b) => b.name !== 'cpu').map((b) => ({ row: rows.get(b)!, plan: ctx.plan.lenet.batched, setup: () => nnTrainer(b) })),
    { row: convPeer, plan: ctx.plan.lenet.perSample, setup: convnetTrainer },
  ], ctx.plan.lenet.rounds, figureOf);
  const tfjs = await loadTfjs();
  const tfjsFigures: Figure[] = [];
  for (const backend of ['cpu', 'wasm'] as TfBackend[]) {
    const peer = { ...row, library: 'tfjs', backend, ours: false } as const;
    if (!tfjs.ok) {
      tfjsFigures.push(notAvailable(peer, tfjs.reason));
      continue;
    }
    const gap = tfjsConvTrainingGap(tfjs.value.tf, backend);
    tfjsFigures.push(gap !== undefined
      ? notAvailable(peer, gap)
      : await attempt(ctx, peer, async () => figureOf(await runTraining(await tfjsLenetTrainer(tfjs.value, backend, data), backend === 'cpu' ? ctx.plan.lenet.tfjsCpu : ctx.plan.lenet.batched))));
  }
  const figure = (r: Row) => ours.get(r) ?? together.get(r)!;
  return [...ctx.nnBackends.map((b) => figure(rows.get(b)!)), ...tfjsFigures, figure(convPeer)];
}

async function tfjsLenetTrainer(tfjs: Tfjs, backend: TfBackend, data: BenchData): Promise<Trainer> {
  const { tf, tfl, use } = tfjs;
  await use(backend);
  const model = tfjsLenet5(tfl);
  model.compile({
    optimizer: tf.train.momentum(LEARNING_RATE, MOMENTUM),
    loss: (labels: TfTensor, logits: TfTensor) => tf.losses.softmaxCrossEntropy(labels, logits),
  });
  return tfjsFitTrainer(tfjs, model, data, [28, 28, 1], BATCH);
}
