import { runPrimitive } from '../autodiff/run-primitive';
import { normalizeAxis } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { type IndicesLike, toIndices } from './indices';
import { reshape } from './reshape';

/**
 * Picks entries along `axis`: the result has x's shape with that axis replaced by the indices' shape
 * (tf.gather / torch.index_select). Its gradient scatters back and adds at repeated indices.
 */
export function gather(x: Tensor, indices: IndicesLike, axis = 0): Tensor {
  const op = 'gather';
  assertTensor(op, x);
  const a = normalizeAxis(op, axis, x.rank);
  const idx = toIndices(op, indices, x.shape[a]);
  const shape = [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)];
  return runPrimitive(op, [x, idx], { axis: a }, shape, x.dtype);
}

/** NumPy's take: gather along `axis`, or from the flattened tensor when no axis is given. */
export function take(x: Tensor, indices: IndicesLike, axis?: number): Tensor {
  assertTensor('take', x);
  return axis === undefined ? gather(reshape(x, [-1]), indices, 0) : gather(x, indices, axis);
}
