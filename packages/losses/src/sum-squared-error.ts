import { type Tensor, mul, square, sub } from '@nn/tensor';
import { assertFloatTensor, assertMatchingTarget, reduceLoss } from './validate';

/**
 * E = ½ Σₙ wₙ Σₖ (yₙₖ − tₙₖ)²: summed over samples and outputs, with the ½ that makes ∂E/∂y = y − t
 * (the course's sum-of-squares error). Prediction and target: the same shape (nothing is broadcast) and
 * float dtype. `weights` [N] scale each sample's term.
 * @see meanSquaredError for the mean without the ½ (PyTorch's MSELoss).
 */
export function sumSquaredError(prediction: Tensor, target: Tensor, weights?: Tensor): Tensor {
  const op = 'sumSquaredError';
  assertFloatTensor(op, prediction, 'prediction');
  assertMatchingTarget(op, prediction, target);
  return reduceLoss(op, mul(square(sub(prediction, target)), 0.5), weights, 'sum');
}
