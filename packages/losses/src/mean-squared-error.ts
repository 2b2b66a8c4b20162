import { type Tensor, square, sub } from '@nn/tensor';
import { assertFloatTensor, assertMatchingTarget, reduceLoss } from './validate';

/**
 * (1 / numel) Σₙ wₙ Σₖ (yₙₖ − tₙₖ)²: the mean over all elements, without a ½ (PyTorch's MSELoss), so
 * ∂/∂y = 2(y − t) / numel. Prediction and target: the same shape (nothing is broadcast) and float dtype.
 * `weights` [N] scale each sample's terms; the divisor stays the element count.
 * @see sumSquaredError for the course's E = ½ Σ (y − t)².
 */
export function meanSquaredError(prediction: Tensor, target: Tensor, weights?: Tensor): Tensor {
  const op = 'meanSquaredError';
  assertFloatTensor(op, prediction, 'prediction');
  assertMatchingTarget(op, prediction, target);
  return reduceLoss(op, square(sub(prediction, target)), weights, 'mean');
}
