import { mkdir, writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import {
  type History, type Tensor, activation, adam, binaryCrossEntropy, createRng, dense, dropout, fit, loadMnist, mean, predict,
  reshape, sequential, sigmoid, slice, square, sub, useBackend,
} from '@nn/core';
import { parseFlags } from './flags';

export interface DenoisingAutoencoderOptions {
  /** Training digits, the first ones of MNIST's training set. Default 10,000. */
  readonly train?: number;
  /** Test digits whose reconstructions are measured (and the first `show` of them drawn). Default 1,000. */
  readonly test?: number;
  /** Code units. Default 256. */
  readonly hidden?: number;
  /** p, the fraction of pixels set to 0 in each corrupted input. Default 0.5. */
  readonly corruption?: number;
  /** Passes over the training digits. Default 10. */
  readonly epochs?: number;
  readonly seed?: number;
  /** Digits drawn in the picture. Default 10. */
  readonly show?: number;
  /** Digits per update. Default 20. */
  readonly batchSize?: number;
  /** Adam's step size. Default 0.01. */
  readonly learningRate?: number;
}

/** `--quick`: 500 digits, 4 epochs of batches of 10, a 64-unit code. */
export const QUICK: DenoisingAutoencoderOptions = { train: 500, test: 100, hidden: 64, epochs: 4, batchSize: 10 };

export interface DenoisingAutoencoderResult {
  readonly history: History;
  /** Mean squared pixel error of the reconstructions of corrupted test digits, against the clean digits. */
  readonly reconstructionError: number;
  /** The same for the corrupted digits themselves (what reconstruction must beat). */
  readonly corruptedError: number;
  /** Mean squared error of predicting every pixel by the training set's mean image (a baseline). */
  readonly meanImageError: number;
  /** [show, 28, 28] images: clean test digits, their corrupted versions and the reconstructions. */
  readonly clean: Tensor;
  readonly corrupted: Tensor;
  readonly reconstructed: Tensor;
}

/**
 * A denoising autoencoder: 784 → h logistic code units → 784 logistic outputs, trained to give back
 * the clean digit from a corrupted one. The corruption is dropout on the input ("masking noise": each
 * pixel set to 0 with probability p, the rest left as they are — dropout's 'scale-at-test' mode while
 * training), drawn afresh for every presentation; the loss is the binary cross-entropy between the
 * output and the clean pixels (in [0, 1]), trained with Adam. To fill in the erased strokes the code
 * must capture how pixels go together: the structure of digits, not the identity map.
 * @see Vincent, Larochelle, Bengio & Manzagol (2008), "Extracting and composing robust features with denoising autoencoders".
 */
export async function denoisingAutoencoder({
  train = 10000,
  test = 1000,
  hidden = 256,
  corruption = 0.5,
  epochs = 10,
  seed = 1,
  show = 10,
  batchSize = 20,
  learningRate = 0.01,
}: DenoisingAutoencoderOptions = {}): Promise<DenoisingAutoencoderResult> {
  const mnist = await loadMnist({ flatten: true, subset: { train, test } });
  const rng = createRng(seed);
  const corrupt = dropout(corruption, { mode: 'scale-at-test' });
  const autoencoder = sequential(dense(784, hidden, { rng }), activation('logistic'), dense(hidden, 784, { rng }));
  const clean = mnist.train.x;
  const history = await fit(sequential(corrupt, autoencoder), { x: clean, y: clean }, {
    loss: binaryCrossEntropy, optimizer: adam(learningRate), epochs, batchSize, seed, progress: false,
  });
  // Corrupt the test digits with the same masking noise (the layer in training mode), then reconstruct.
  const testX = mnist.test.x;
  const corrupted = corrupt.forward(testX, { training: true, rng: createRng(seed + 1) });
  const reconstructed = sigmoid(predict(autoencoder, corrupted));
  const mse = (a: Tensor, b: Tensor) => mean(square(sub(a, b))).item();
  const images = (t: Tensor) => reshape(slice(t, [0], [Math.min(show, t.shape[0])]), [-1, 28, 28]);
  return {
    history,
    reconstructionError: mse(reconstructed, testX),
    corruptedError: mse(corrupted, testX),
    meanImageError: mse(mean(clean, 0, true), testX),
    clean: images(testX),
    corrupted: images(corrupted),
    reconstructed: images(reconstructed),
  };
}

/**
 * Rows of [n, 28, 28] images (values in [0, 1], ink dark on white) stacked into one grayscale PNG:
 * one row per tensor, the digits side by side with a 2-pixel white gap, scaled ×`scale`.
 */
export function imageRowsPng(rows: readonly Tensor[], scale = 3): Uint8Array {
  const n = rows[0].shape[0];
  const gap = 2;
  const cell = 28 + gap;
  const width = (n * cell + gap) * scale;
  const height = (rows.length * cell + gap) * scale;
  const png = new PNG({ width, height });
  png.data.fill(255);
  rows.forEach((row, r) => {
    const data = row.dataSync();
    for (let k = 0; k < n; k++) {
      for (let y = 0; y < 28; y++) {
        for (let x = 0; x < 28; x++) {
          const v = Math.round(255 * (1 - Math.min(1, Math.max(0, data[k * 784 + y * 28 + x]))));
          for (let dy = 0; dy < scale; dy++) {
            for (let dx = 0; dx < scale; dx++) {
              const at = (((gap + r * cell + y) * scale + dy) * width + (gap + k * cell + x) * scale + dx) * 4;
              png.data[at] = png.data[at + 1] = png.data[at + 2] = v;
            }
          }
        }
      }
    }
  });
  return PNG.sync.write(png);
}

/** Trains, prints the reconstruction errors and writes clean / corrupted / reconstructed digits as one PNG into --out. */
export async function main(args: readonly string[] = []): Promise<void> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1] : 'out/denoising-autoencoder';
  const rest = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
  const flags = parseFlags('denoising-autoencoder', rest, { integers: ['epochs', 'seed'], switches: ['quick'] });
  const options: DenoisingAutoencoderOptions = { ...(flags.quick ? QUICK : {}), ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }), ...(flags.seed === undefined ? {} : { seed: flags.seed }) };
  const backend = (await useBackend('wasm')).name;
  const o = { train: 10000, hidden: 256, epochs: 10, corruption: 0.5, ...options };
  console.log(`Denoising autoencoder on MNIST: 784-${o.hidden}-784 logistic units, ${o.train} training digits, half of the pixels erased (input dropout), ${o.epochs} epochs of Adam; backend ${backend}`);
  const r = await denoisingAutoencoder(options);
  const last = r.history.epochs[r.history.epochs.length - 1];
  console.log(`training loss (binary cross-entropy per pixel): ${r.history.epochs[0].loss.toFixed(4)} after epoch 1, ${last.loss.toFixed(4)} after epoch ${last.epoch}`);
  console.log(`test digits, mean squared pixel error against the clean digit: corrupted ${r.corruptedError.toFixed(4)}, reconstructed ${r.reconstructionError.toFixed(4)} (the mean image: ${r.meanImageError.toFixed(4)})`);
  await mkdir(out, { recursive: true });
  await writeFile(`${out}/reconstructions.png`, imageRowsPng([r.clean, r.corrupted, r.reconstructed]));
  console.log(`wrote ${out}/reconstructions.png (rows: clean test digits, corrupted, reconstructed)`);
}
