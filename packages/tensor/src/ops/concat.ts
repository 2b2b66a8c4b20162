import { runPrimitive } from '../autodiff/run-primitive';
import { assertSameDType } from '../dtype';
import { ShapeError, formatShape } from '../errors';
import { normalizeAxis } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** Joins tensors along an existing `axis`; all other axes must agree. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  const op = 'concat';
  if (tensors === undefined || tensors.length === 0) throw new ShapeError(op, 'expected a non-empty array of tensors');
  tensors.forEach((t, i) => assertTensor(op, t, `tensor ${i}`));
  const dtype = assertSameDType(op, tensors.map((t) => t.dtype));
  const first = tensors[0];
  const a = normalizeAxis(op, axis, first.rank);
  for (const t of tensors) {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError(op, `shapes differ outside axis ${a}: ${tensors.map((u) => formatShape(u.shape)).join(', ')}`);
    }
  }
  if (tensors.length === 1) return first;
  const shape = [...first.shape];
  shape[a] = tensors.reduce((n, t) => n + t.shape[a], 0);
  return runPrimitive(op, tensors, { axis: a }, shape, dtype);
}
