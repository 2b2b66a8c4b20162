import { type Tensor, mul, relu, sub } from '@nn/tensor';
import { assertFloatTensor, assertMatchingTarget, assertTargetValues, reduceLoss } from './validate';

/**
 * Mean over elements of max(0, 1 − t·z): the (linear SVM) hinge loss, from scores z and targets
 * t ∈ {−1, +1} (not 0/1: map those with 2t − 1) of the same shape and float dtype. ∂/∂z = −t / numel
 * where t·z < 1 and 0 elsewhere (0 at the kink t·z = 1). `weights` [N] scale each sample's terms; the
 * divisor stays numel.
 * @see multiclassHinge for C classes.
 */
export function hinge(scores: Tensor, target: Tensor, weights?: Tensor): Tensor {
  const op = 'hinge';
  assertFloatTensor(op, scores, 'prediction (scores)');
  assertMatchingTarget(op, scores, target);
  assertTargetValues(op, target, (t) => t === 1 || t === -1, '−1 or +1 (map 0/1 targets with 2t − 1)');
  return reduceLoss(op, relu(sub(1, mul(target, scores))), weights, 'mean');
}
