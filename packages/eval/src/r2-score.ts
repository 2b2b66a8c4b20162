import { type Tensor, ValueError } from '@nn/tensor';
import { regressionInputs } from './regression-inputs';

/**
 * Coefficient of determination R² = 1 − Σ(t − y)² / Σ(t − t̄)², over all elements (one pooled output):
 * 1 for a perfect fit, 0 for predicting the mean of the targets, negative for worse than that.
 * Constant targets (Σ(t − t̄)² = 0) are a ValueError, since R² is then undefined.
 */
export function r2Score(prediction: Tensor, target: Tensor): number {
  const op = 'r2Score';
  const { y, t } = regressionInputs(op, prediction, target);
  let mean = 0;
  for (let i = 0; i < t.length; i++) mean += t[i];
  mean /= t.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    residual += (t[i] - y[i]) ** 2;
    total += (t[i] - mean) ** 2;
  }
  if (total === 0) throw new ValueError(op, `the targets are constant (all ${mean}): R² is undefined`);
  return 1 - residual / total;
}
