import { isTraced } from '../autodiff/tape';
import { ShapeError } from '../errors';
import { normalizeAxis } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { reshape } from './reshape';
import { slice } from './slice';

/**
 * x → [x₀, x₁, …, x_{k−1}] with xᵢ = x[…, i, …] along `axis` (k = x.shape[axis]), that axis removed:
 * the inverse of `stack(pieces, axis)`. A recurrent layer reads its steps this way.
 *
 * Cost of the gradient: a slice's gradient is its input padded back to full size, so k slices of a
 * traced x would cost k full-size tensors in the backward pass (quadratic in k). When autodiff
 * traces x, the pieces are cut by halving instead (x into two halves, each half into two, …), which
 * bounds the backward pass at about 2·log₂ k full-size pads and adds; an untraced x (data, or under
 * `noGrad`) is cut by k plain slices, one copy of x in all.
 */
export function unstack(x: Tensor, axis = 0): Tensor[] {
  const op = 'unstack';
  assertTensor(op, x);
  if (x.rank === 0) throw new ShapeError(op, 'expected a tensor of rank ≥ 1, got a scalar');
  const a = normalizeAxis(op, axis, x.rank);
  const k = x.shape[a];
  const pieceShape = x.shape.filter((_, i) => i !== a);
  const cut = (t: Tensor, at: number, size: number) => slice(t, t.shape.map((_, i) => (i === a ? at : 0)), t.shape.map((d, i) => (i === a ? size : d)));
  if (!isTraced(x)) return Array.from({ length: k }, (_, i) => reshape(cut(x, i, 1), pieceShape));
  const halve = (t: Tensor): Tensor[] => {
    const n = t.shape[a];
    if (n === 1) return [reshape(t, pieceShape)];
    const half = Math.ceil(n / 2);
    return [...halve(cut(t, 0, half)), ...halve(cut(t, half, n - half))];
  };
  return k === 0 ? [] : halve(x);
}
