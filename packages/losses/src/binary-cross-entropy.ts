import { type Tensor, add, greaterEqual, mul, neg, softplus, sub, where } from '@nn/tensor';
import { assertFloatTensor, assertMatchingTarget, assertTargetValues, reduceLoss } from './validate';

/**
 * Mean over elements of −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = softplus(z) − t·z, from logits z and
 * targets t ∈ [0, 1] (soft targets allowed) of the same shape and float dtype; ∂/∂z = (σ(z) − t) / numel.
 * Exact at any |z| (no probabilities are formed). `weights` [N] scale each sample's terms; the divisor
 * stays the element count.
 */
export function binaryCrossEntropy(logits: Tensor, target: Tensor, weights?: Tensor): Tensor {
  const op = 'binaryCrossEntropy';
  assertFloatTensor(op, logits, 'prediction (logits)');
  assertMatchingTarget(op, logits, target);
  assertTargetValues(op, target, (t) => t >= 0 && t <= 1, 'in [0, 1]');
  // NOTE: softplus(z) − t·z loses a tiny loss to cancellation when z ≫ 0 and t = 1 (softplus(50) − 50
  // is 0, not 2e-22); for z ≥ 0 the equal (1 − t)·z + softplus(−z) keeps it, and both forms have
  // finite values and gradients everywhere, so `where` mixes them safely.
  const positive = add(mul(sub(1, target), logits), softplus(neg(logits)));
  const negative = sub(softplus(logits), mul(target, logits));
  return reduceLoss(op, where(greaterEqual(logits, 0), positive, negative), weights, 'mean');
}
