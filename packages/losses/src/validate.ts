import { DTypeError, NnError, type Tensor, type TypedArray, ShapeError, ValueError, fromTypedArray, isRecordingStep, isTensor, mean, mul, reshape, sum, traceHostOp } from '@nn/tensor';

/** `[2,3]`, the way @nn error messages show shapes. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Throws unless `x` is a float32 or float64 tensor; `what` names it in the message. */
export function assertFloatTensor(op: string, x: unknown, what: string): asserts x is Tensor {
  if (!isTensor(x)) throw new NnError(op, `expected a Tensor as ${what}, got ${x === null ? 'null' : typeof x}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(op, `expected a float32 or float64 ${what}, got ${x.dtype}`);
  }
}

/** A float target of exactly the prediction's shape and dtype (no broadcasting, no silent cast). */
export function assertMatchingTarget(op: string, prediction: Tensor, target: unknown): asserts target is Tensor {
  if (!isTensor(target)) throw new NnError(op, `expected a Tensor as target, got ${target === null ? 'null' : typeof target}`);
  if (target.dtype !== prediction.dtype) {
    throw new DTypeError(op, `target is ${target.dtype} but prediction is ${prediction.dtype}; cast the target with cast(target, '${prediction.dtype}')`);
  }
  if (formatShape(target.shape) !== formatShape(prediction.shape)) {
    throw new ShapeError(op, `prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} must have the same shape (nothing is broadcast)`);
  }
}

/** Throws a ValueError naming the first element of `target` for which `ok` fails. */
export function assertTargetValues(op: string, target: Tensor, ok: (v: number) => boolean, expected: string): void {
  const data = target.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (!ok(data[i])) throw new ValueError(op, `target ${data[i]} at position ${i} is not ${expected}`);
  }
}

/**
 * Validates per-sample `weights` (shape [N] for a prediction [N, …], the prediction's dtype, finite and
 * ≥ 0) and returns them reshaped to [N, 1, …, 1] so that they scale each sample of `perElement`.
 */
function sampleWeights(op: string, weights: unknown, perElement: Tensor): Tensor {
  if (!isTensor(weights)) throw new NnError(op, `expected a Tensor as weights, got ${weights === null ? 'null' : typeof weights}`);
  if (weights.dtype !== perElement.dtype) {
    throw new DTypeError(op, `weights are ${weights.dtype} but prediction is ${perElement.dtype}; cast them with cast(weights, '${perElement.dtype}')`);
  }
  if (perElement.rank === 0 || weights.rank !== 1 || weights.shape[0] !== perElement.shape[0]) {
    const n = perElement.rank === 0 ? 'N' : perElement.shape[0];
    throw new ShapeError(op, `weights must have shape [${n}] (one per sample), got ${formatShape(weights.shape)} for a batch ${formatShape(perElement.shape)}`);
  }
  const data = weights.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (!(data[i] >= 0 && data[i] < Infinity)) throw new ValueError(op, `weight ${data[i]} at position ${i} is not finite and non-negative`);
  }
  return reshape(weights, [weights.shape[0], ...perElement.shape.slice(1).map(() => 1)]);
}

/**
 * Σ of `perElement` (each sample's terms scaled by its weight when weights are given), or that sum
 * divided by the element count for `'mean'`: weights never change the divisor, so weights of 1 give the
 * unweighted loss.
 */
export function reduceLoss(op: string, perElement: Tensor, weights: unknown, reduction: 'sum' | 'mean'): Tensor {
  const scaled = weights === undefined ? perElement : mul(perElement, sampleWeights(op, weights, perElement));
  return reduction === 'sum' ? sum(scaled) : mean(scaled);
}

/**
 * Checks int32 class labels [N] against logits [N, C]: every label in [0, C), else a ValueError that
 * names the label, its position and the class count.
 */
export function assertLabels(op: string, logits: Tensor, labels: Tensor): void {
  const [n, classes] = logits.shape;
  if (labels.rank !== 1 || labels.shape[0] !== n) {
    throw new ShapeError(op, `int32 labels must have shape [${n}] for logits ${formatShape(logits.shape)}, got ${formatShape(labels.shape)}`);
  }
  assertLabelsInRange(op, labels.dataSync(), classes);
}

function assertLabelsInRange(op: string, data: TypedArray, classes: number): void {
  for (let i = 0; i < data.length; i++) {
    if (!(data[i] >= 0 && data[i] < classes)) {
      throw new ValueError(op, `label ${data[i]} at position ${i} is out of range for ${classes} classes (expected 0 … ${classes - 1})`);
    }
  }
}

/**
 * `assertLabels`, and the labels to compute with. While `replayable` records a step, they are a copy
 * whose recording checks them again (`traceHostOp`), so that a replayed step, which skips this
 * function, refuses a label out of range with the loss's own message, as an eager step does.
 */
export function checkedLabels(op: string, logits: Tensor, labels: Tensor): Tensor {
  assertLabels(op, logits, labels);
  if (!isRecordingStep()) return labels;
  const classes = logits.shape[1];
  const copy = fromTypedArray(labels.dataSync().slice(), labels.shape, 'int32');
  traceHostOp(`labels:${op}:${classes}`, [labels], copy, ([data]) => {
    assertLabelsInRange(op, data, classes);
    return data;
  });
  return copy;
}

/** Throws unless `logits` is [N, C] with C ≥ 1. */
export function assertLogitsMatrix(op: string, logits: Tensor): void {
  if (logits.rank !== 2 || logits.shape[1] < 1) {
    throw new ShapeError(op, `expected logits of shape [N, C], got ${formatShape(logits.shape)}`);
  }
}
