import {
  type EpochLogs, type History, accuracy, adam, chain, clipByGlobalNorm, createRng, dense, earlyStopping, errorCount, fit, loadMnist, lstm,
  predict, reshape, sequential, softmaxCrossEntropy, stepDecay,
} from '@nn/core';

export interface RowMnistOptions {
  /** Training digits, the first of MNIST's 60,000; the last `validation` of them are held out. Default all. */
  readonly train?: number;
  /** Of those, held out to choose the epoch (never the test digits). Default 5,000. */
  readonly validation?: number;
  /** Test digits, the first of MNIST's 10,000. Default all. */
  readonly test?: number;
  /** LSTM units. Default 128. */
  readonly units?: number;
  /** The most passes over the training digits; training stops earlier when validation accuracy stalls for `patience` epochs. Default 8. */
  readonly epochs?: number;
  readonly patience?: number;
  /** Digits per update. Default 128. */
  readonly batchSize?: number;
  /** Adam's step size in the first epoch; it is multiplied by `decay` after every epoch. Default 0.002. */
  readonly learningRate?: number;
  /** Default 0.8 per epoch. */
  readonly decay?: number;
  readonly seed?: number;
  /** Called after each epoch, e.g. to print the curve. */
  readonly onEpoch?: (logs: EpochLogs) => void;
}

/** `--quick`: 400 training digits (100 of them held out), 300 test digits, an LSTM(32), 3 epochs: learns in seconds, well above chance. */
export const ROW_MNIST_QUICK: RowMnistOptions = { train: 400, validation: 100, test: 300, units: 32, epochs: 3, batchSize: 20, learningRate: 0.01 };

export interface RowMnistResult {
  readonly history: History;
  /** The epoch whose weights were kept: the best validation accuracy (counted from 1). */
  readonly bestEpoch: number;
  readonly validationAccuracy: number;
  readonly testErrors: number;
  readonly testSamples: number;
  readonly testAccuracy: number;
  /** Wall-clock seconds of training (validation included). */
  readonly seconds: number;
}

/**
 * Row-by-row MNIST: each 28×28 digit is read as a sequence of 28 steps of 28 pixels (its rows, top to
 * bottom), by an LSTM whose last state feeds a dense layer of 10 logits; softmax cross-entropy, Adam
 * behind gradient clipping by global norm 1, the rate decayed after every epoch. The last training
 * digits are held out: after every epoch the validation accuracy is measured, training stops when it
 * stalls, and the weights of its best epoch are kept — the test digits are used once, at the end.
 * @see S. Hochreiter, J. Schmidhuber, "Long short-term memory", Neural Computation 9(8), 1997
 * @see Q. V. Le, N. Jaitly, G. E. Hinton, "A simple way to initialize recurrent networks of rectified linear units", arXiv:1504.00941, 2015 (the row-by-row and pixel-by-pixel MNIST tasks)
 */
export async function rowMnist({
  train, validation = 5000, test, units = 128, epochs = 8, patience = 2, batchSize = 128, learningRate = 0.002, decay = 0.8, seed = 1, onEpoch,
}: RowMnistOptions = {}): Promise<RowMnistResult> {
  const mnist = await loadMnist({ subset: { train, test } });
  const rows = (x: typeof mnist.train.x) => reshape(x, [x.shape[0], 28, 28]);
  const trainSet = { x: rows(mnist.train.x), y: mnist.train.y };
  const n = trainSet.x.shape[0];
  const rng = createRng(seed);
  const model = sequential(lstm(28, units, { rng }), dense(units, 10, { rng }));
  const stepsPerEpoch = Math.ceil((n - validation) / batchSize);
  const stopper = earlyStopping({ monitor: 'val_accuracy', patience, restoreBestWeights: true });
  const started = performance.now();
  const history = await fit(model, trainSet, {
    loss: softmaxCrossEntropy,
    optimizer: chain(clipByGlobalNorm(1), adam(stepDecay({ init: learningRate, stepSize: stepsPerEpoch, gamma: decay }))),
    epochs, batchSize, seed, progress: false,
    validationSplit: validation / n,
    metrics: { accuracy },
    callbacks: [stopper, ...(onEpoch === undefined ? [] : [{ onEpochEnd: onEpoch }])],
  });
  const seconds = (performance.now() - started) / 1000;
  const best = stopper.best!;
  const testX = rows(mnist.test.x);
  const testErrors = errorCount(predict(model, testX, { batchSize: 500 }), mnist.test.y);
  const testSamples = testX.shape[0];
  return { history, bestEpoch: best.epoch, validationAccuracy: best.value, testErrors, testSamples, testAccuracy: 1 - testErrors / testSamples, seconds };
}
