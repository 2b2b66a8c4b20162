import type { Tensor } from '@nn/tensor';
import { regressionInputs } from './regression-inputs';

/** (1/n) Σ |y − t| over all elements, as a number (float64); same shapes, nothing broadcast. */
export function meanAbsoluteError(prediction: Tensor, target: Tensor): number {
  const { y, t } = regressionInputs('meanAbsoluteError', prediction, target);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += Math.abs(y[i] - t[i]);
  return sum / y.length;
}
