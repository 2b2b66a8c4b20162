import { NnError, ShapeError, type Tensor, formatShape, isTensor, reshape } from '@nn/tensor';

/** [N, d₁, …, d_k] → [N, d₁·…·d_k]: keeps the batch axis, joins the rest (a view; row-major order). */
export function flatten(x: Tensor): Tensor {
  const op = 'flatten';
  if (!isTensor(x)) throw new NnError(op, `expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (x.rank < 1) throw new ShapeError(op, `expected input of shape [N,…] (rank ≥ 1), got ${formatShape(x.shape)}`);
  return reshape(x, [x.shape[0], x.shape.slice(1).reduce((p, d) => p * d, 1)]);
}
