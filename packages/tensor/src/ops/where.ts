import { runPrimitive } from '../autodiff/run-primitive';
import { broadcastShapes } from '../shape';
import type { Tensor } from '../tensor';
import { type TensorLike, assertTensor, toTensors } from './convert';

/** Elementwise choice: `a` where `condition` ≠ 0, else `b`; all three broadcast. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  assertTensor('where', condition, 'condition');
  const [x, y] = toTensors('where', [a, b]);
  const shape = broadcastShapes('where', condition.shape, x.shape, y.shape);
  return runPrimitive('where', [condition, x, y], {}, shape, x.dtype);
}
