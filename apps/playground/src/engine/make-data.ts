import {
  type Dataset, type Rng, concentricCircles, createRng, doubleMoon, fromTypedArray, linearlySeparable, logicGate, blobs,
  trainTestSplit, twoSpirals,
} from '@nn/core';
import type { DatasetName, PlaygroundConfig } from './config';

/** The input plane every problem lives in: x₁, x₂ ∈ [−PLANE, PLANE]. */
export const PLANE = 1.5;

/** A problem's points, split: x float32 [N, 2], y int32 [N] with labels 0 and 1. */
export interface PlaygroundData {
  readonly train: Dataset;
  readonly test: Dataset;
}

/**
 * The configured problem: `samples` clean points of the named set, scaled into about [−1, 1]², plus
 * Gaussian jitter of σ = `noise` on each coordinate, then split by `trainRatio` (stratified, so both
 * parts keep the class balance). The same seed gives the same points.
 * - xor: clouds around the four corners (±0.6, ±0.6) of the bipolar XOR truth table (logicGate), σ 0.1;
 * - moons: Haykin's double moon (r 10, w 6, d 1) shifted and scaled by 1/15;
 * - spirals: Lang & Witbrock's two spirals (1.5 turns), radius 1;
 * - circles: concentric circles of radius 1 and 0.5;
 * - blobs: two Gaussian blobs at ∓(0.5, 0.5), σ 0.25 (the best boundary is a line, but they overlap);
 * - separable: a random line with margin 0.1 (no point closer: the perceptron's theorem applies at noise 0).
 */
export function makeData(config: Pick<PlaygroundConfig, 'dataset' | 'samples' | 'noise' | 'trainRatio' | 'seed'>): PlaygroundData {
  const rng = createRng(config.seed);
  const clean = cleanPoints(config.dataset, config.samples, rng);
  const x = Float32Array.from(clean.x, (v) => (config.noise > 0 ? v + rng.normal(0, config.noise) : v));
  const all = { x: fromTypedArray(x, [config.samples, 2], 'float32'), y: fromTypedArray(clean.y, [config.samples], 'int32') };
  return trainTestSplit(all, { testFraction: 1 - config.trainRatio, rng, stratify: true });
}

function cleanPoints(name: DatasetName, n: number, rng: Rng): { x: Float64Array; y: Int32Array } {
  const read = (ds: Dataset, shift = [0, 0], scale = 1) => ({
    x: Float64Array.from(ds.x.dataSync(), (v, i) => (v + shift[i % 2]) * scale),
    y: Int32Array.from(ds.y.dataSync()),
  });
  switch (name) {
    case 'xor': {
      const gate = logicGate('xor', { encoding: 'bipolar' });
      const corners = gate.x.dataSync();
      const labels = gate.y.dataSync();
      const x = new Float64Array(2 * n);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const k = i % 4;
        x[2 * i] = 0.6 * corners[2 * k] + rng.normal(0, 0.1);
        x[2 * i + 1] = 0.6 * corners[2 * k + 1] + rng.normal(0, 0.1);
        y[i] = labels[k];
      }
      return { x, y };
    }
    case 'moons':
      return read(doubleMoon({ samples: n, rng, dtype: 'float64' }), [-5, 0.5], 1 / 15);
    case 'spirals':
      return read(twoSpirals({ samples: n, rng, turns: 1.5, dtype: 'float64' }));
    case 'circles':
      return read(concentricCircles({ samples: n, rng, factor: 0.5, dtype: 'float64' }));
    case 'blobs':
      return read(blobs({ samples: n, rng, centers: [[-0.5, -0.5], [0.5, 0.5]], std: 0.25, dtype: 'float64' }));
    case 'separable':
      return read(linearlySeparable({ samples: n, rng, features: 2, margin: 0.1, dtype: 'float64' }));
  }
}
