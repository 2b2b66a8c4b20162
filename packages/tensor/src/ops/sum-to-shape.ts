import { ShapeError, formatShape } from '../errors';
import { type Shape, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { sum } from './reduce';
import { reshape } from './reshape';

/**
 * Sums a broadcast result back to `shape`: the adjoint of broadcastTo. The tape applies it to every
 * gradient, so VJP rules can ignore broadcasting.
 */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  if (lead < 0) throw new ShapeError('sumToShape', `cannot sum ${formatShape(g.shape)} to the larger ${formatShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  return reshape(axes.length > 0 ? sum(g, axes, true) : g, shape);
}
