import { DTypeError, ShapeError, type Tensor, ValueError } from '@nn/tensor';
import { assertTensor, formatShape } from './classes';

/**
 * The mean over all elements of (y − t)², as a number (no ½; computed in float64 whatever the float
 * dtypes). Prediction and target must have the same shape; nothing is broadcast.
 */
export function meanSquaredError(prediction: Tensor, target: Tensor): number {
  const op = 'meanSquaredError';
  assertTensor(op, prediction, 'prediction');
  assertTensor(op, target, 'target');
  for (const [x, what] of [[prediction, 'prediction'], [target, 'target']] as const) {
    if (x.dtype === 'int32') throw new DTypeError(op, `expected a float32 or float64 ${what}, got int32`);
  }
  if (formatShape(prediction.shape) !== formatShape(target.shape)) {
    throw new ShapeError(op, `prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} must have the same shape (nothing is broadcast)`);
  }
  if (prediction.size === 0) throw new ValueError(op, 'no elements: the mean of an empty batch is undefined');
  const y = prediction.dataSync();
  const t = target.dataSync();
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (y[i] - t[i]) ** 2;
  return sum / y.length;
}
