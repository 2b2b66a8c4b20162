import { type Tensor, lessEqual, mul, neg, where } from '@nn/tensor';
import { assertFloatTensor, assertMatchingTarget, assertTargetValues, reduceLoss } from './validate';

/**
 * Mean over elements of max(0, −t·z): the perceptron criterion (Rosenblatt; Duda & Hart), from scores
 * z and targets t ∈ {−1, +1} (not 0/1: map those with 2t − 1) of the same shape and float dtype.
 * Samples with t·z ≤ 0 count as misclassified and get ∂/∂z = −t / numel, boundary included, so that
 * training from zero weights moves. `weights` [N] scale each sample's terms; the divisor stays numel.
 * @see Duda, Hart & Stork, Pattern Classification (2nd ed.), §5.5, the perceptron criterion J_p.
 */
export function perceptronCriterion(scores: Tensor, target: Tensor, weights?: Tensor): Tensor {
  const op = 'perceptronCriterion';
  assertFloatTensor(op, scores, 'prediction (scores)');
  assertMatchingTarget(op, scores, target);
  assertTargetValues(op, target, (t) => t === 1 || t === -1, '−1 or +1 (map 0/1 targets with 2t − 1)');
  // NOTE: not relu(−t·z): relu's gradient is 0 at 0, which would leave a perceptron at w = 0 for ever.
  const margin = mul(target, scores);
  return reduceLoss(op, where(lessEqual(margin, 0), neg(margin), 0), weights, 'mean');
}
