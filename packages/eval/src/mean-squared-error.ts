import type { Tensor } from '@nn/tensor';
import { regressionInputs } from './regression-inputs';

/**
 * The mean over all elements of (y − t)², as a number (no ½; computed in float64 whatever the float
 * dtypes). Prediction and target must have the same shape; nothing is broadcast.
 */
export function meanSquaredError(prediction: Tensor, target: Tensor): number {
  const { y, t } = regressionInputs('meanSquaredError', prediction, target);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (y[i] - t[i]) ** 2;
  return sum / y.length;
}
