import { DTypeError, ShapeError, type Tensor, ValueError } from '@nn/tensor';
import { assertTensor, formatShape } from './classes';

/** The float data of a prediction and a target of one shape, checked as every regression metric needs. */
export function regressionInputs(op: string, prediction: Tensor, target: Tensor): { y: ArrayLike<number>; t: ArrayLike<number> } {
  assertTensor(op, prediction, 'prediction');
  assertTensor(op, target, 'target');
  for (const [x, what] of [[prediction, 'prediction'], [target, 'target']] as const) {
    if (x.dtype === 'int32') throw new DTypeError(op, `expected a float32 or float64 ${what}, got int32`);
  }
  if (formatShape(prediction.shape) !== formatShape(target.shape)) {
    throw new ShapeError(op, `prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} must have the same shape (nothing is broadcast)`);
  }
  if (prediction.size === 0) throw new ValueError(op, 'no elements: the metric of an empty batch is undefined');
  return { y: prediction.dataSync(), t: target.dataSync() };
}
