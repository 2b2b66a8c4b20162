import { type Dataset, type FloatDType, type Shape, fromTypedArray, loadMnist } from '@nn/core';

export const TRAIN_SAMPLES = 8000;
export const TEST_SAMPLES = 2000;
export const PIXELS = 784;

/** The MNIST digits every library trains on, as @nn datasets and as host arrays for the peers. */
export interface BenchData {
  /** x [8000, 784] float32 in [0, 1], y [8000] int32. */
  readonly train: Dataset;
  readonly test: Dataset;
  readonly xTrain: Float32Array;
  readonly yTrain: Int32Array;
  readonly xTest: Float32Array;
  readonly yTest: Int32Array;
}

/** The first 8,000 training and 2,000 test digits, loaded once through @nn/core's loadMnist. */
export async function loadBenchData(): Promise<BenchData> {
  const { train, test } = await loadMnist({ flatten: true, subset: { train: TRAIN_SAMPLES, test: TEST_SAMPLES } });
  return {
    train,
    test,
    xTrain: train.x.dataSync() as Float32Array,
    yTrain: train.y.dataSync() as Int32Array,
    xTest: test.x.dataSync() as Float32Array,
    yTest: test.y.dataSync() as Int32Array,
  };
}

/**
 * The first `count` samples as an @nn dataset on the active backend (fresh copies, so that each
 * backend uploads its own), with images of `shape` per sample: [784] or [1, 28, 28].
 */
export function nnDataset(x: Float32Array, y: Int32Array, count: number, shape: Shape = [PIXELS]): Dataset {
  const dtype: FloatDType = 'float32';
  return {
    x: fromTypedArray(x.slice(0, count * PIXELS), [count, ...shape], dtype),
    y: fromTypedArray(y.slice(0, count), [count], 'int32'),
  };
}

/** A seeded shuffle of 0…n−1 (Fisher–Yates over mulberry32) for the peers that train sample by sample. */
export function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The fraction of rows of `scores` ([labels.length, classes], row-major) whose largest entry is the label. */
export function accuracyOf(scores: ArrayLike<number>, classes: number, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (scores[i * classes + k] > scores[i * classes + best]) best = k;
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}
