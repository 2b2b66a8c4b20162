import {
  accuracy, createRng, dense, errorCount, fit, loadMnist, predict, sgd, softmaxCrossEntropy, trainTestSplit,
} from '@nn/core';
import { parseFlags } from './flags';
import { gaussianBlobs, nearestCenter } from './gaussian-blobs';

/** Three classes around the corners of a triangle of circumradius 2, each N(center, I). */
export const SOFTMAX_CENTERS = [0, 1, 2].map((k) => {
  const angle = Math.PI / 2 + (2 * Math.PI * k) / 3;
  return [2 * Math.cos(angle), 2 * Math.sin(angle)];
});

export interface SoftmaxBlobsOptions {
  readonly perClass?: number;
  readonly epochs?: number;
  readonly seed?: number;
}

export interface SoftmaxBlobsResult {
  readonly testAccuracy: number;
  /** The Bayes-optimal rule (the nearest true center) on the same test set. */
  readonly bayesTestAccuracy: number;
  readonly trainSamples: number;
  readonly testSamples: number;
}

/**
 * Softmax regression: a layer of C linear units whose outputs, through the softmax, are the class
 * probabilities p(k | x) = exp(zₖ) / Σⱼ exp(zⱼ); trained on the cross-entropy, whose gradient with
 * respect to the logits is simply p − t. Here: three Gaussian blobs, a stratified train/test split.
 * @see Bridle (1990), Probabilistic interpretation of feedforward classification network outputs; Bishop (2006), §4.3.4.
 */
export async function softmaxRegressionBlobs({ perClass = 200, epochs = 20, seed = 1 }: SoftmaxBlobsOptions = {}): Promise<SoftmaxBlobsResult> {
  const rng = createRng(seed);
  const blobs = gaussianBlobs({ centers: SOFTMAX_CENTERS, perClass, seed });
  const { train, test } = trainTestSplit(blobs, { testFraction: 0.25, rng, stratify: true });
  const model = dense(2, SOFTMAX_CENTERS.length, { rng });
  await fit(model, train, { loss: softmaxCrossEntropy, optimizer: sgd(0.1), epochs, batchSize: 16, seed, progress: false });
  const bayes = nearestCenter(test, SOFTMAX_CENTERS);
  const labels = test.y.dataSync();
  return {
    testAccuracy: accuracy(predict(model, test.x), test.y),
    bayesTestAccuracy: bayes.filter((k, i) => k === labels[i]).length / bayes.length,
    trainSamples: train.x.shape[0],
    testSamples: test.x.shape[0],
  };
}

export interface SoftmaxMnistOptions {
  /** Training images (the first ones of MNIST's 60,000). Default all. */
  readonly train?: number;
  /** Test images (the first ones of MNIST's 10,000). Default all. */
  readonly test?: number;
  readonly epochs?: number;
  readonly seed?: number;
  readonly progress?: 'auto' | false;
}

export interface SoftmaxMnistResult {
  readonly testAccuracy: number;
  readonly testErrors: number;
  readonly trainSamples: number;
  readonly testSamples: number;
}

/**
 * Softmax regression on MNIST: 784 pixels → 10 digit classes with one weight per (pixel, class), no
 * hidden layer. About 92–93% test accuracy is the usual figure for it (LeCun et al. list a linear
 * classifier trained on the squared error at 12% error, 8.4% with deskewing).
 * @see LeCun, Bottou, Bengio & Haffner (1998), Gradient-based learning applied to document recognition.
 */
export async function softmaxRegressionMnist({ train, test, epochs = 5, seed = 1, progress = false }: SoftmaxMnistOptions = {}): Promise<SoftmaxMnistResult> {
  const mnist = await loadMnist({ flatten: true, subset: { train, test } });
  const model = dense(784, 10, { rng: createRng(seed) });
  await fit(model, mnist.train, {
    loss: softmaxCrossEntropy,
    optimizer: sgd(0.05, { momentum: 0.9 }),
    epochs,
    batchSize: 64,
    seed,
    metrics: { accuracy },
    progress,
  });
  const logits = predict(model, mnist.test.x);
  return {
    testAccuracy: accuracy(logits, mnist.test.y),
    testErrors: errorCount(logits, mnist.test.y),
    trainSamples: mnist.train.x.shape[0],
    testSamples: mnist.test.x.shape[0],
  };
}

/** Prints the test accuracy on the blobs, then on MNIST. */
export async function main(args: readonly string[] = []): Promise<void> {
  const flags = parseFlags('softmax-regression', args, { integers: ['train', 'test', 'epochs', 'seed'] });
  console.log('Softmax regression on three Gaussian blobs (centers on a triangle of radius 2, σ = 1)');
  const blobs = await softmaxRegressionBlobs({ seed: flags.seed });
  console.log(`${blobs.trainSamples} training, ${blobs.testSamples} test samples: test accuracy ${pct(blobs.testAccuracy)}; the Bayes rule on the same test set: ${pct(blobs.bayesTestAccuracy)}`);
  console.log('\nSoftmax regression on MNIST: 784 → 10, softmax cross-entropy, SGD lr 0.05, momentum 0.9, batches of 64');
  const mnist = await softmaxRegressionMnist({ train: flags.train, test: flags.test, epochs: flags.epochs, seed: flags.seed, progress: 'auto' });
  console.log(`trained on ${mnist.trainSamples.toLocaleString('en-US')} images; test accuracy ${pct(mnist.testAccuracy)} (${mnist.testErrors} errors in ${mnist.testSamples.toLocaleString('en-US')})`);
}

function pct(v: number): string {
  return `${(100 * v).toFixed(2)}%`;
}

