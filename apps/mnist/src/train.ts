import {
  type History, type Layer, type Tensor, accuracy, argmax, composeAugmentations, confusionMatrix, createRng, elasticDistortion,
  evaluate, exponentialDecay, fit, lenet5, loadMnist, numBatches, predict, randomAffine, sgd, softmaxCrossEntropy,
} from '@nn/core';
import type { MnistOptions } from './args';
import type { Misclassified } from './report/gallery-png';
import { type TestPoint, observeTestSet } from './test-curve';

/** What a training run produced. */
export interface MnistRun {
  readonly model: Layer;
  readonly history: History;
  /** The test set's loss and error after each epoch, observed only (empty with --validation). */
  readonly testCurve: readonly TestPoint[];
  readonly test: TestReport;
  readonly trainSamples: number;
  readonly seconds: number;
}

/** The model's record on the test set. */
export interface TestReport {
  readonly samples: number;
  readonly errors: number;
  readonly errorRate: number;
  readonly loss: number;
  readonly confusion: number[][];
  readonly misclassified: Misclassified[];
}

/** Quick runs (CI) use this many training and test digits. */
export const QUICK_SUBSET = { train: 8000, test: 1000 };

/**
 * The recipe: LeNet-5 (ReLU, max-pooling) trained on all 60,000 training digits by SGD with momentum
 * 0.9 on mini-batches of 32, the learning rate shrinking by `lrDecay` each epoch; with --augment, each batch is randomly transformed
 * by small affine maps and elastic distortions (Simard, Steinkraus & Platt 2003).
 * @see LeCun, Bottou, Bengio & Haffner (1998), Gradient-based learning applied to document recognition.
 */
export async function trainMnist(options: MnistOptions): Promise<MnistRun> {
  const started = performance.now();
  const { train, test } = await loadMnist({ dir: options.dataDir, subset: options.quick ? QUICK_SUBSET : undefined });
  const trainSamples = train.x.shape[0] - options.validation;
  const rng = createRng(options.seed);
  const model = lenet5({ rng });
  const steps = numBatches(trainSamples, options.batchSize);
  const optimizer = sgd(exponentialDecay({ init: options.learningRate, decayRate: options.lrDecay, decaySteps: steps, staircase: true }), { momentum: options.momentum });
  const augment = options.augment
    ? composeAugmentations(randomAffine({ rotation: 8, scale: [0.92, 1.08], shear: 8, translate: [0.06, 0.06] }), elasticDistortion({ alpha: 24, sigma: 4 }))
    : undefined;
  // NOTE: by default every training digit trains, and the test set is only observed once per epoch to
  // draw the curves, under the name "test": nothing in training reads it (no early stopping, no schedule,
  // no model selection). With --validation, held-out training digits give real validation curves instead.
  const observer = options.validation > 0 ? undefined : observeTestSet(test, { loss: softmaxCrossEntropy, accuracy });
  const history = await fit(model, train, {
    loss: softmaxCrossEntropy,
    optimizer,
    epochs: options.epochs,
    batchSize: options.batchSize,
    rng,
    metrics: { accuracy },
    ...(options.validation > 0 ? { validationSplit: options.validation / train.x.shape[0] } : {}),
    ...(observer === undefined ? {} : { callbacks: [observer] }),
    ...(augment === undefined ? {} : { augment }),
  });
  return { model, history, testCurve: observer?.points ?? [], test: testReport(model, test.x, test.y), trainSamples, seconds: (performance.now() - started) / 1000 };
}

/** Errors, loss, confusion matrix and the misclassified digits of `model` on a test set. */
export function testReport(model: Layer, x: Tensor, y: Tensor): TestReport {
  const logits = predict(model, x);
  const predicted = argmax(logits, -1).dataSync();
  const labels = y.dataSync();
  const pixels = x.dataSync();
  const side = x.shape[x.rank - 1] * x.shape[x.rank - 2];
  const misclassified: Misclassified[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i] !== labels[i]) misclassified.push({ index: i, label: labels[i], predicted: predicted[i], pixels: pixels.subarray(i * side, (i + 1) * side) });
  }
  const { loss } = evaluate(model, { x, y }, { loss: softmaxCrossEntropy });
  return {
    samples: labels.length,
    errors: misclassified.length,
    errorRate: misclassified.length / labels.length,
    loss,
    confusion: confusionMatrix(logits, y, 10).matrix,
    misclassified,
  };
}
