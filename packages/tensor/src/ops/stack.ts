import { ShapeError, formatShape } from '../errors';
import { normalizeAxis } from '../shape';
import type { Tensor } from '../tensor';
import { concat } from './concat';
import { assertTensor } from './convert';
import { expandDims } from './reshape';

/** Joins tensors of one shape along a new `axis`. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors === undefined || tensors.length === 0) throw new ShapeError('stack', 'expected a non-empty array of tensors');
  tensors.forEach((t, i) => assertTensor('stack', t, `tensor ${i}`));
  const shape = tensors[0].shape;
  if (tensors.some((t) => t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i]))) {
    throw new ShapeError('stack', `shapes differ: ${tensors.map((t) => formatShape(t.shape)).join(', ')}`);
  }
  const a = normalizeAxis('stack', axis, shape.length + 1);
  return concat(tensors.map((t) => expandDims(t, a)), a);
}
