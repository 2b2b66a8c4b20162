import { NnError, ShapeError, type Tensor, ValueError, isTensor, logSoftmax, mul, neg, oneHot, sum } from '@nn/tensor';
import { assertFloatTensor, assertLogitsMatrix, assertMatchingTarget, checkedLabels, formatShape, reduceLoss } from './validate';

/** How far a probability row's sum may be from 1 (float32 rounding of C terms stays far below it). */
const ROW_SUM_TOLERANCE = 1e-3;

/**
 * Mean over the batch of −Σ_c t_nc · log softmax(z_n)_c, from logits z [N, C] (float). The target is
 * either int32 class labels [N] (each in [0, C)) or probabilities [N, C] of z's dtype — one-hot or soft,
 * each row ≥ 0 and summing to 1. Computed with logSoftmax, so exact for logits of any magnitude;
 * ∂/∂z = (softmax(z) − t) / N. `weights` [N] scale each sample's term; the divisor stays N.
 */
export function softmaxCrossEntropy(logits: Tensor, target: Tensor, weights?: Tensor): Tensor {
  const op = 'softmaxCrossEntropy';
  assertFloatTensor(op, logits, 'prediction (logits)');
  assertLogitsMatrix(op, logits);
  if (!isTensor(target)) throw new NnError(op, `expected a Tensor as target, got ${target === null ? 'null' : typeof target}`);
  let probabilities: Tensor;
  if (target.dtype === 'int32') {
    if (target.rank !== 1) {
      throw new ShapeError(op, `int32 targets are class labels of shape [N], got ${formatShape(target.shape)}; cast one-hot targets to ${logits.dtype}`);
    }
    probabilities = oneHot(checkedLabels(op, logits, target), logits.shape[1], logits.dtype);
  } else {
    if (target.rank === 1) {
      throw new ShapeError(op, `targets of shape ${formatShape(target.shape)} look like class labels; labels must be int32 (cast(labels, 'int32'))`);
    }
    assertMatchingTarget(op, logits, target);
    assertProbabilityRows(op, target);
    probabilities = target;
  }
  return reduceLoss(op, neg(sum(mul(probabilities, logSoftmax(logits, -1)), -1)), weights, 'mean');
}

/** Every row of `target` [N, C] non-negative and summing to 1. */
function assertProbabilityRows(op: string, target: Tensor): void {
  const [n, c] = target.shape;
  const data = target.dataSync();
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < c; j++) {
      const t = data[i * c + j];
      if (!(t >= 0)) throw new ValueError(op, `target ${t} at [${i},${j}] is not a probability (expected ≥ 0)`);
      rowSum += t;
    }
    if (!(Math.abs(rowSum - 1) <= ROW_SUM_TOLERANCE)) {
      throw new ValueError(op, `target row ${i} sums to ${rowSum}, expected 1 (one-hot or probabilities)`);
    }
  }
}
