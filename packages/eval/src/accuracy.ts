import { type Tensor, ValueError } from '@nn/tensor';
import { type ClassificationOptions, decodeClasses } from './classes';

/**
 * The fraction of samples classified correctly, in [0, 1]; inputs as for `errorCount` (argmax of
 * [N, C], a threshold on binary [N] / [N, 1] outputs, or int32 indices). An empty batch is a ValueError.
 */
export function accuracy(prediction: Tensor, target: Tensor, options?: ClassificationOptions): number {
  const { predicted, actual } = decodeClasses('accuracy', prediction, target, options);
  if (predicted.length === 0) throw new ValueError('accuracy', 'no samples: the accuracy of an empty batch is undefined');
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === actual[i]) correct++;
  return correct / predicted.length;
}
