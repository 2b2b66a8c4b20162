import {
  accuracy, binaryCrossEntropy, cast, createRng, dense, fit, predict, reshape, sgd, trainTestSplit, type Dataset,
} from '@nn/core';
import { parseFlags } from './flags';
import { gaussianBlobs, nearestCenter } from './gaussian-blobs';

/** The two classes: N((−1, −1), I) and N((1, 1), I). Their true log-odds are 2·x₁ + 2·x₂. */
export const LOGISTIC_CENTERS = [[-1, -1], [1, 1]];

export interface LogisticRegressionOptions {
  /** Samples drawn per class. Default 200 (the command line: 1,000). */
  readonly perClass?: number;
  readonly testFraction?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
}

export interface LogisticRegressionResult {
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** The Bayes-optimal rule (the nearest true center) on the same test set: the best any classifier can hope for. */
  readonly bayesTestAccuracy: number;
  /** The learned log-odds z = w·x + b. */
  readonly weights: number[];
  readonly bias: number;
  readonly trainSamples: number;
  readonly testSamples: number;
}

/**
 * Logistic regression: one logistic unit p(class 1 | x) = σ(w·x + b), trained by gradient descent on
 * the cross-entropy, on two Gaussian blobs with a stratified train/test split. For two Gaussians with
 * one covariance the true log-odds are linear in x, so the unit can reach the Bayes rate; here the
 * true w = (2, 2), b = 0, and the Bayes error is Φ(−√2) ≈ 7.9%.
 * @see Cox (1958), The regression analysis of binary sequences; Bishop (2006), Pattern Recognition and Machine Learning, §4.2–4.3.
 */
export async function logisticRegression({
  perClass = 200,
  testFraction = 0.25,
  epochs = 30,
  batchSize = 16,
  learningRate = 0.1,
  seed = 1,
}: LogisticRegressionOptions = {}): Promise<LogisticRegressionResult> {
  const rng = createRng(seed);
  const blobs = gaussianBlobs({ centers: LOGISTIC_CENTERS, perClass, seed });
  const { train, test } = trainTestSplit(blobs, { testFraction, rng, stratify: true });
  const model = dense(2, 1, { rng });
  // binaryCrossEntropy compares a logit column [N, 1] with float targets of the same shape.
  await fit(model, asColumnTargets(train), { loss: binaryCrossEntropy, optimizer: sgd(learningRate), epochs, batchSize, seed, progress: false });
  const score = (ds: Dataset) => accuracy(predict(model, ds.x), ds.y, { fromLogits: true });
  const bayes = nearestCenter(test, LOGISTIC_CENTERS);
  const labels = test.y.dataSync();
  return {
    trainAccuracy: score(train),
    testAccuracy: score(test),
    bayesTestAccuracy: bayes.filter((k, i) => k === labels[i]).length / bayes.length,
    weights: Array.from(model.params.w.dataSync()),
    bias: model.params.b.item(),
    trainSamples: train.x.shape[0],
    testSamples: test.x.shape[0],
  };
}

/** int32 labels [N] → float32 targets [N, 1], the shape of the unit's output. */
function asColumnTargets({ x, y }: Dataset): Dataset {
  return { x, y: cast(reshape(y, [y.shape[0], 1]), 'float32') };
}

/** Prints train and test accuracy, the Bayes rate and the learned log-odds. */
export async function main(args: readonly string[] = []): Promise<void> {
  const { seed, 'per-class': perClass = 1000, epochs } = parseFlags('logistic-regression', args, { integers: ['per-class', 'epochs', 'seed'] });
  const r = await logisticRegression({ seed, perClass, epochs });
  console.log('Logistic regression: one logistic unit on two Gaussian blobs, N((−1,−1), I) and N((1,1), I)');
  console.log(`${r.trainSamples} training and ${r.testSamples} test samples (stratified split), cross-entropy, SGD lr 0.1, batches of 16, ${epochs ?? 30} epochs`);
  console.log(`train accuracy ${pct(r.trainAccuracy)}, test accuracy ${pct(r.testAccuracy)}; the Bayes rule on the same test set: ${pct(r.bayesTestAccuracy)} (92.1% on average)`);
  const signed = (v: number) => `${v < 0 ? '−' : '+'} ${Math.abs(v).toFixed(3)}`;
  console.log(`learned log-odds z = ${r.weights[0].toFixed(3)}·x₁ ${signed(r.weights[1])}·x₂ ${signed(r.bias)}   (true: 2·x₁ + 2·x₂ + 0)`);
}

function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}
