import { runPrimitive } from '../autodiff/run-primitive';
import { DTypeError, ShapeError, formatShape } from '../errors';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { markCheckedIndices, toIndices } from './indices';

/**
 * The winner of each window as a position in x: y[r, l] = r·P + windows[l, t*] for a float x [R, P] and
 * int32 windows [L, T] with entries in [0, P), where t* is the first t at which x[r, windows[l, t]] is
 * largest (NaN counts as larger than everything: the first NaN wins; all −∞ gives t* = 0). int32 [R, L]:
 * the positions `gather(reshape(x, [R·P]), y)` takes, which is how max pooling picks its values and
 * routes its gradient. Equal to r·P + windows[l, argmax(gather(x, windows, 1), -1)[r, l]], in one pass
 * and without the gathered copy. Not differentiable (indices); the result needs no range check where
 * it is used.
 */
export function gatherArgmax(x: Tensor, windows: Tensor): Tensor {
  const op = 'gatherArgmax';
  assertTensor(op, x);
  assertTensor(op, windows);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new DTypeError(op, `expected a float32 or float64 x, got ${x.dtype}`);
  if (x.rank !== 2) throw new ShapeError(op, `expected x of shape [R,P], got ${formatShape(x.shape)}`);
  if (windows.rank !== 2 || windows.shape[1] === 0) {
    throw new ShapeError(op, `expected windows of shape [L,T] with T ≥ 1, got ${formatShape(windows.shape)}`);
  }
  const [rows, plane] = x.shape;
  toIndices(op, windows, plane, 'window entry');
  const y = runPrimitive(op, [x, windows], {}, [rows, windows.shape[0]], 'int32');
  return markCheckedIndices(y, rows * plane - 1);
}
