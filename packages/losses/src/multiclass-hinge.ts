import { DTypeError, NnError, type Tensor, add, isTensor, mul, oneHot, relu, sub, sum } from '@nn/tensor';
import { assertFloatTensor, assertLogitsMatrix, checkedLabels, reduceLoss } from './validate';

/**
 * Weston–Watkins multiclass hinge: mean over the batch of Σ_{c ≠ y_n} max(0, 1 + z_nc − z_n,y_n), from
 * scores z [N, C] (float) and int32 labels y [N] in [0, C) — the multiclass SVM loss of CS231n (PyTorch's
 * MultiMarginLoss divides each term by C as well; this does not). Every class within the margin of the
 * true one contributes, not only the worst (Crammer–Singer). `weights` [N] scale each sample's term.
 * @see Weston & Watkins, "Support vector machines for multi-class pattern recognition", ESANN 1999.
 */
export function multiclassHinge(scores: Tensor, labels: Tensor, weights?: Tensor): Tensor {
  const op = 'multiclassHinge';
  assertFloatTensor(op, scores, 'prediction (scores)');
  assertLogitsMatrix(op, scores);
  if (!isTensor(labels)) throw new NnError(op, `expected a Tensor as target, got ${labels === null ? 'null' : typeof labels}`);
  if (labels.dtype !== 'int32') throw new DTypeError(op, `expected int32 class labels as target, got ${labels.dtype}`);
  const isTrue = oneHot(checkedLabels(op, scores, labels), scores.shape[1], scores.dtype);
  const trueScore = sum(mul(scores, isTrue), -1, true);
  // NOTE: the true class's own term would be max(0, 1) = 1 with no gradient; the mask drops it.
  const margins = mul(relu(add(sub(scores, trueScore), 1)), sub(1, isTrue));
  return reduceLoss(op, sum(margins, -1), weights, 'mean');
}
