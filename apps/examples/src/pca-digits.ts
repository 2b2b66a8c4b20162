import { mkdir, writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import {
  type Dataset, type FittedPreprocessor, type Tensor, batches, createRng, dense, evaluate, loadMnist, mean, noGrad,
  avgPool2d, pca, preprocessorFromJSON, reshape, sgd, slice, softmaxCrossEntropy, square, sub, applyUpdates, valueAndGrad, whiten, zerosInit, zScore,
} from '@nn/core';
import type { PcaState } from '@nn/core';
import { parseFlags } from './flags';

export interface PcaDigitsOptions {
  /** Training digits (PCA, scalings and the softmax regressions are fitted on them). Default 5,000. */
  readonly train?: number;
  /** Test digits, reconstructed and drawn. Default 1,000. */
  readonly test?: number;
  /** Image side: 28 (MNIST) or 14 (each 2×2 block averaged: 196 features, for a quick run). Default 28. */
  readonly side?: 28 | 14;
  /** The numbers of principal components the digits are rebuilt from. Default 5, 10, 20, 50. */
  readonly components?: readonly number[];
  /** Test digits drawn per row of the picture. Default 10. */
  readonly show?: number;
  /** Training cross-entropy the softmax regressions must reach. Default 0.3. */
  readonly targetLoss?: number;
  /** At most this many SGD steps per run. Default 2,000. */
  readonly maxSteps?: number;
  /** SGD learning rates tried for each input; each input's best one is reported. */
  readonly learningRates?: readonly number[];
  /** Digits per SGD step. Default 50. */
  readonly batchSize?: number;
  /** Added to each eigenvalue before whitening (pixel values in [0, 1]). Default 0.01. */
  readonly epsilon?: number;
  readonly seed?: number;
}

/** `--quick`: 500 digits pooled to 14×14, 100 test digits, one learning rate (3), at most 300 steps. */
export const QUICK: PcaDigitsOptions = { train: 500, test: 100, side: 14, learningRates: [3], maxSteps: 300 };

export interface Reconstruction {
  readonly components: number;
  /** Share of the training variance the kept components explain. */
  readonly varianceKept: number;
  /** Mean squared pixel error of the reconstructed test digits. */
  readonly testError: number;
  /** The first `show` reconstructed test digits, [show, side, side]. */
  readonly images: Tensor;
}

export interface LearningSpeed {
  readonly input: 'raw' | 'standardized' | 'whitened';
  /** The learning rate of the grid that reached the target in the fewest steps (or got lowest). */
  readonly learningRate: number;
  /** SGD steps until the training loss first fell to the target, or null if it never did. */
  readonly steps: number | null;
  /** Training loss at the end of that run. */
  readonly finalLoss: number;
}

export interface PcaDigitsResult {
  readonly side: number;
  readonly original: Tensor;
  readonly reconstructions: readonly Reconstruction[];
  readonly speed: readonly LearningSpeed[];
}

/**
 * Two lessons of PCA on handwritten digits. (1) Compression: the test digits rebuilt from the k
 * leading principal components of the training digits, x̂ = mean + Σⱼ≤ₖ (x − mean)·wⱼ wⱼᵀ, for each k,
 * with the share of variance kept and the pixel error. (2) Input preparation: softmax regression
 * trained by plain SGD on raw pixels, on z-scored pixels and on PCA-whitened pixels (all components,
 * each divided by √(λ + ε)), counting the steps until the training loss reaches a target; each input
 * gets its best learning rate of the grid, so the comparison is of conditioning, not of one rate.
 * @see Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.3 (normalizing, decorrelating, equalizing)
 */
export async function pcaDigits({
  train = 5000,
  test = 1000,
  side = 28,
  components = [5, 10, 20, 50],
  show = 10,
  targetLoss = 0.3,
  maxSteps = 2000,
  learningRates = [0.3, 1, 3, 10],
  batchSize = 50,
  epsilon = 0.01,
  seed = 1,
}: PcaDigitsOptions = {}): Promise<PcaDigitsResult> {
  const mnist = await loadMnist({ flatten: true, subset: { train, test } });
  const shrink = (ds: Dataset): Dataset => (side === 14 ? { x: pool2x2(ds.x), y: ds.y } : ds);
  const [trainSet, testSet] = [shrink(mnist.train), shrink(mnist.test)];
  const images = (t: Tensor) => reshape(slice(t, [0], [Math.min(show, t.shape[0])]), [-1, side, side]);

  // (1) one PCA with the most components asked for; fewer are its leading columns
  const most = Math.max(...components);
  const full = pca({ components: most }).fit(trainSet.x);
  const reconstructions = components.map((k) => {
    const p = leading(full, k);
    const rebuilt = p.inverseTransform(p.transform(testSet.x));
    return {
      components: k,
      varianceKept: p.state.explainedVarianceRatio.reduce((a, b) => a + b, 0),
      testError: mean(square(sub(rebuilt, testSet.x))).item(),
      images: images(rebuilt),
    };
  });

  // (2) the same softmax regression, the same SGD, on three versions of the inputs
  const inputs: [LearningSpeed['input'], Tensor][] = [
    ['raw', trainSet.x],
    ['standardized', zScore().fit(trainSet.x).transform(trainSet.x)],
    ['whitened', whiten({ epsilon }).fit(trainSet.x).transform(trainSet.x)],
  ];
  const speed = inputs.map(([input, x]) => {
    const runs = learningRates.map((lr) => ({ lr, ...stepsToTarget({ x, y: trainSet.y }, lr, { targetLoss, maxSteps, batchSize, seed }) }));
    const best = runs.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return { input, learningRate: best.lr, steps: best.steps, finalLoss: best.finalLoss };
  });
  return { side, original: images(testSet.x), reconstructions, speed };
}

/** Fewer steps first; runs that never reach the target after every one that does, by final loss. */
function rank({ steps, finalLoss }: { steps: number | null; finalLoss: number }): number {
  return steps ?? 1e12 + (Number.isFinite(finalLoss) ? finalLoss : 1e12);
}

/** The fitted PCA cut to its k leading components: the state's first k columns (through its JSON form). */
function leading(p: FittedPreprocessor<PcaState>, k: number): FittedPreprocessor<PcaState> {
  const { state } = p;
  const kept = state.explainedVariance.length;
  const f = state.mean.length;
  const columns = Array.from({ length: f * k }, (_, i) => state.components[Math.floor(i / k) * kept + (i % k)]);
  return preprocessorFromJSON({
    kind: 'pca',
    config: { ...p.config, components: k },
    state: { ...state, components: columns, explainedVariance: state.explainedVariance.slice(0, k), explainedVarianceRatio: state.explainedVarianceRatio.slice(0, k) },
  }) as FittedPreprocessor<PcaState>;
}

/**
 * Softmax regression (one dense layer, zero weights, so every input starts alike) trained by SGD on
 * shuffled mini-batches; the full training loss is measured every 10 steps. Returns the first
 * measured step at which it was ≤ targetLoss (null if none within maxSteps) and the last loss.
 */
export function stepsToTarget(
  data: Dataset,
  learningRate: number,
  { targetLoss, maxSteps, batchSize, seed }: { targetLoss: number; maxSteps: number; batchSize: number; seed: number },
): { steps: number | null; finalLoss: number } {
  const model = dense(data.x.shape[1], 10, { init: zerosInit });
  const optimizer = sgd(learningRate);
  let state = optimizer.init(model.params);
  const rng = createRng(seed);
  const fullLoss = () => noGrad(() => evaluate(model, data, { loss: softmaxCrossEntropy, batchSize: 1000 }).loss);
  let step = 0;
  let loss = fullLoss();
  while (step < maxSteps) {
    for (const { x, y } of batches(data, { size: batchSize, shuffle: true, rng })) {
      const { grads } = valueAndGrad(() => softmaxCrossEntropy(model.forward(x), y), model.params);
      let updates;
      [updates, state] = optimizer.update(grads, state, model.params);
      applyUpdates(model.params, updates);
      step++;
      if (step % 10 === 0 || step === maxSteps) {
        loss = fullLoss();
        if (!Number.isFinite(loss)) return { steps: null, finalLoss: loss };
        if (loss <= targetLoss) return { steps: step, finalLoss: loss };
      }
      if (step >= maxSteps) break;
    }
  }
  return { steps: null, finalLoss: loss };
}

/** [N, 784] digits → [N, 196]: each 2×2 block of the 28×28 image averaged. */
function pool2x2(x: Tensor): Tensor {
  return reshape(avgPool2d(reshape(x, [-1, 1, 28, 28]), { kernelSize: 2 }), [-1, 196]);
}

/**
 * Rows of [n, side, side] images (values in [0, 1], ink dark on white) as one grayscale PNG: the
 * digits of a row side by side, 2-pixel white gaps, scaled ×`scale`.
 */
export function digitRowsPng(rows: readonly Tensor[], scale = 3): Uint8Array {
  const [n, h, w] = rows[0].shape;
  const gap = 2;
  const width = (n * (w + gap) + gap) * scale;
  const height = (rows.length * (h + gap) + gap) * scale;
  const png = new PNG({ width, height });
  png.data.fill(255);
  rows.forEach((row, r) => {
    const data = row.dataSync();
    for (let k = 0; k < n; k++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = Math.round(255 * (1 - Math.min(1, Math.max(0, data[(k * h + y) * w + x]))));
          for (let dy = 0; dy < scale; dy++) {
            for (let dx = 0; dx < scale; dx++) {
              const at = (((gap + r * (h + gap) + y) * scale + dy) * width + (gap + k * (w + gap) + x) * scale + dx) * 4;
              png.data[at] = png.data[at + 1] = png.data[at + 2] = v;
            }
          }
        }
      }
    }
  });
  return PNG.sync.write(png);
}

/** The speed comparison as a Markdown table. */
export function speedTable(speed: readonly LearningSpeed[], targetLoss: number): string {
  const lines = [
    `| inputs | best learning rate | SGD steps to loss ${targetLoss} | final loss |`,
    '| --- | --- | --- | --- |',
    ...speed.map((s) => `| ${s.input} | ${s.learningRate} | ${s.steps ?? 'not reached'} | ${s.finalLoss.toFixed(3)} |`),
  ];
  return lines.join('\n');
}

/** Runs both lessons, prints the tables and writes the reconstructions as one PNG into --out. */
export async function main(args: readonly string[] = []): Promise<void> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1] : 'out/pca-digits';
  const rest = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
  const flags = parseFlags('pca-digits', rest, { integers: ['seed'], switches: ['quick'] });
  const options: PcaDigitsOptions = { ...(flags.quick ? QUICK : {}), ...(flags.seed === undefined ? {} : { seed: flags.seed }) };
  const o = { train: 5000, side: 28, targetLoss: 0.3, ...options };
  console.log(`PCA on ${o.train} MNIST training digits (${o.side}×${o.side} = ${o.side * o.side} features)`);
  const started = performance.now();
  const r = await pcaDigits(options);
  console.log('| components | variance kept | test pixel MSE |');
  console.log('| --- | --- | --- |');
  for (const c of r.reconstructions) console.log(`| ${c.components} | ${(100 * c.varianceKept).toFixed(1)} % | ${c.testError.toFixed(4)} |`);
  console.log(`\nSoftmax regression by SGD (batches of 50, zero initial weights), each input with its best learning rate:`);
  console.log(speedTable(r.speed, o.targetLoss));
  await mkdir(out, { recursive: true });
  await writeFile(`${out}/reconstructions.png`, digitRowsPng([r.original, ...r.reconstructions.map((c) => c.images)]));
  console.log(`\nwrote ${out}/reconstructions.png (rows: test digits, then rebuilt from ${r.reconstructions.map((c) => c.components).join(', ')} components) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
