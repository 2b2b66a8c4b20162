import { NnError, ShapeError, type Tensor, ValueError, isTensor } from '@nn/tensor';

/** How a binary output [N] or [N, 1] becomes a class (shared by accuracy, errorCount, confusionMatrix). */
export interface ClassificationOptions {
  /**
   * A binary output above this is class 1, at or below it class 0. Default 0.5 (probabilities), or 0
   * when `fromLogits` is set.
   */
  readonly threshold?: number;
  /** The binary output is a logit (or any score), so the default threshold is 0. Default false. */
  readonly fromLogits?: boolean;
}

/** Predicted and true classes of N samples; `classes` is C when a [N, C] input fixed it (2 for binary outputs). */
export interface DecodedClasses {
  readonly predicted: Int32Array;
  readonly actual: Int32Array;
  readonly classes: number | undefined;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

export function assertTensor(op: string, x: unknown, what: string): asserts x is Tensor {
  if (!isTensor(x)) throw new NnError(op, `expected a Tensor as ${what}, got ${x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x}`);
}

/** [N] or [N, 1]: one value per sample. */
function isColumn(x: Tensor): boolean {
  return x.rank === 1 || (x.rank === 2 && x.shape[1] === 1);
}

/** Index of the largest entry of each row of a row-major [n, c] array (the first one at a tie). */
function argmaxRows(op: string, what: string, data: ArrayLike<number>, n: number, c: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 0; j < c; j++) {
      const v = data[i * c + j];
      if (Number.isNaN(v)) throw new ValueError(op, `${what} is NaN at [${i},${j}]`);
      if (v > data[i * c + best]) best = j;
    }
    out[i] = best;
  }
  return out;
}

/** Class indices from an int32 column, each ≥ 0. */
function indices(op: string, what: string, x: Tensor): Int32Array {
  const data = x.dataSync() as Int32Array;
  const bad = data.findIndex((v) => v < 0);
  if (bad >= 0) throw new ValueError(op, `${what} ${data[bad]} at position ${bad} is negative`);
  return Int32Array.from(data);
}

/** Binary targets, all 0/1 or all −1/+1 (−1 is class 0). */
function binaryTargets(op: string, target: Tensor): Int32Array {
  const data = target.dataSync();
  const out = new Int32Array(data.length);
  let style: '0/1' | '±1' | undefined;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const s = v === 0 ? '0/1' : v === -1 ? '±1' : v === 1 ? style : undefined;
    if (v !== 1 && s === undefined) throw new ValueError(op, `binary target ${v} at position ${i} is not 0, 1 or −1`);
    if (s !== undefined && style !== undefined && s !== style) {
      throw new ValueError(op, `binary target ${v} at position ${i} mixes 0/1 and ±1 labels`);
    }
    style ??= s;
    out[i] = v === 1 ? 1 : 0;
  }
  return out;
}

/**
 * Decodes a prediction — float [N, C] (argmax), float [N] or [N, 1] (binary, by threshold) or int32
 * class indices [N] — and a target — int32 labels [N], float one-hot/probabilities [N, C] (argmax), or
 * binary 0/1 or ±1 values [N] — into class indices, checking that they fit together.
 */
export function decodeClasses(op: string, prediction: Tensor, target: Tensor, options: ClassificationOptions = {}): DecodedClasses {
  assertTensor(op, prediction, 'prediction');
  assertTensor(op, target, 'target');
  if (prediction.rank < 1 || prediction.rank > 2) {
    throw new ShapeError(op, `expected a prediction of shape [N], [N, 1] or [N, C], got ${formatShape(prediction.shape)}`);
  }
  if (target.rank < 1 || target.rank > 2) {
    throw new ShapeError(op, `expected a target of shape [N], [N, 1] or [N, C], got ${formatShape(target.shape)}`);
  }
  const n = prediction.shape[0];
  if (target.shape[0] !== n) {
    throw new ShapeError(op, `prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} have different sample counts`);
  }

  let predicted: Int32Array;
  let classes: number | undefined;
  if (prediction.dtype === 'int32') {
    if (!isColumn(prediction)) {
      throw new ShapeError(op, `int32 predictions are class indices of shape [N], got ${formatShape(prediction.shape)}`);
    }
    predicted = indices(op, 'predicted class', prediction);
  } else if (isColumn(prediction)) {
    const { fromLogits = false } = options;
    const threshold = options.threshold ?? (fromLogits ? 0 : 0.5);
    const data = prediction.dataSync();
    predicted = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(data[i])) throw new ValueError(op, `prediction is NaN at position ${i}`);
      predicted[i] = data[i] > threshold ? 1 : 0;
    }
    classes = 2;
  } else {
    classes = prediction.shape[1];
    predicted = argmaxRows(op, 'prediction', prediction.dataSync(), n, classes);
  }

  let actual: Int32Array;
  if (target.dtype === 'int32' && isColumn(target)) {
    actual = classes === 2 && isColumn(prediction) ? binaryTargets(op, target) : indices(op, 'label', target);
  } else if (isColumn(target)) {
    if (!(classes === 2 && isColumn(prediction)) && prediction.dtype !== 'int32') {
      throw new ShapeError(op, `float targets of shape ${formatShape(target.shape)} are binary, but the prediction ${formatShape(prediction.shape)} has ${classes} classes; class labels must be int32`);
    }
    actual = binaryTargets(op, target);
  } else {
    const c = target.shape[1];
    if (target.dtype === 'int32') throw new ShapeError(op, `int32 targets are class labels of shape [N], got ${formatShape(target.shape)}`);
    if (classes !== undefined && c !== classes) {
      throw new ShapeError(op, `prediction ${formatShape(prediction.shape)} has ${classes} classes but target ${formatShape(target.shape)} has ${c}`);
    }
    classes = c;
    actual = argmaxRows(op, 'target', target.dataSync(), n, c);
  }
  if (classes !== undefined) {
    const bad = actual.findIndex((v) => v >= classes);
    if (bad >= 0) throw new ValueError(op, `label ${actual[bad]} at position ${bad} is out of range for ${classes} classes (expected 0 … ${classes - 1})`);
  }
  return { predicted, actual, classes };
}
