import { runPrimitive } from '../autodiff/run-primitive';
import { assertFloat, assertSameDType } from '../dtype';
import { ShapeError, formatShape } from '../errors';
import { broadcastShapes } from '../shape';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';
import { reshape } from './reshape';

export interface MatmulOptions {
  /** Use Aᵀ (of the last two axes) instead of A. */
  readonly transposeA?: boolean;
  /** Use Bᵀ instead of B. */
  readonly transposeB?: boolean;
}

/**
 * Matrix product op(A)·op(B) over the last two axes, with the leading axes broadcast (batched).
 * A 1-D operand is a row (for A) or column (for B) vector, and that axis is dropped from the result.
 */
export function matmul(a: Tensor, b: Tensor, { transposeA = false, transposeB = false }: MatmulOptions = {}): Tensor {
  const op = 'matmul';
  assertTensor(op, a, 'A');
  assertTensor(op, b, 'B');
  assertFloat(op, assertSameDType(op, [a.dtype, b.dtype]));
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError(op, `expected tensors of rank ≥ 1, got ${formatShape(a.shape)} x ${formatShape(b.shape)}`);
  }
  const vectorA = a.rank === 1;
  const vectorB = b.rank === 1;
  const a2 = vectorA ? reshape(a, transposeA ? [a.size, 1] : [1, a.size]) : a;
  const b2 = vectorB ? reshape(b, transposeB ? [1, b.size] : [b.size, 1]) : b;
  const [m, ka] = lastTwo(a2.shape, transposeA);
  const [kb, n] = lastTwo(b2.shape, transposeB);
  const t = (s: readonly number[], yes: boolean) => formatShape(s) + (yes ? 'ᵀ' : '');
  if (ka !== kb) throw new ShapeError(op, `inner dimensions differ: ${t(a.shape, transposeA)} x ${t(b.shape, transposeB)}`);
  let batch: number[];
  try {
    batch = broadcastShapes(op, a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  } catch {
    // NOTE: rethrown to name the operands' full shapes rather than their batch parts.
    throw new ShapeError(op, `batch dimensions cannot be broadcast together: ${t(a.shape, transposeA)} x ${t(b.shape, transposeB)}`);
  }
  const out = runPrimitive(op, [a2, b2], { transposeA, transposeB }, [...batch, m, n], a.dtype);
  if (!vectorA && !vectorB) return out;
  return reshape(out, [...batch, ...(vectorA ? [] : [m]), ...(vectorB ? [] : [n])]);
}

function lastTwo(shape: readonly number[], transposed: boolean): [number, number] {
  const r = shape[shape.length - 2];
  const c = shape[shape.length - 1];
  return transposed ? [c, r] : [r, c];
}
