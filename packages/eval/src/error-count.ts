import type { Tensor } from '@nn/tensor';
import { type ClassificationOptions, decodeClasses } from './classes';

/**
 * The number of samples whose predicted class differs from the true one. The prediction is float
 * [N, C] (argmax; logits or probabilities alike), float [N] or [N, 1] (binary: class 1 above
 * `threshold`, 0.5 by default or 0 with `fromLogits`) or int32 class indices [N]; the target is int32
 * labels [N], one-hot or probability rows [N, C] (argmax), or binary 0/1 or ±1 values [N] (−1 is class 0).
 */
export function errorCount(prediction: Tensor, target: Tensor, options?: ClassificationOptions): number {
  const { predicted, actual } = decodeClasses('errorCount', prediction, target, options);
  let errors = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] !== actual[i]) errors++;
  return errors;
}
