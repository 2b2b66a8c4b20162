import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '../errors';
import type { Shape } from '../shape';
import { sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { matmul } from './matmul';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

/** Deterministic float64 values in (−1, 1), different for each `seed`. */
const values = (shape: Shape, seed: number) => tensor(Array.from({ length: sizeOf(shape) }, (_, i) => Math.sin(seed + 1.3 * i)), shape, 'float64');

/** The textbook triple loop over row-major m×k and k×n arrays (or their transposes). */
function reference(a: ArrayLike<number>, b: ArrayLike<number>, m: number, n: number, k: number, ta: boolean, tb: boolean): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) out[i * n + j] += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
    }
  }
  return out;
}

const transposes = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

describe('matmul', () => {
  const a = tensor([[1, 2], [3, 4]]);
  const b = tensor([[5, 6], [7, 8]]);

  // [1·5 + 2·7, 1·6 + 2·8; 3·5 + 4·7, 3·6 + 4·8]
  it('multiplies matrices', () => expect(matmul(a, b).toArray()).toEqual([[19, 22], [43, 50]]));

  it('reads transposed operands', () => {
    const at = tensor([[1, 3], [2, 4]]);
    const bt = tensor([[5, 7], [6, 8]]);
    expect(matmul(at, b, { transposeA: true }).toArray()).toEqual([[19, 22], [43, 50]]);
    expect(matmul(a, bt, { transposeB: true }).toArray()).toEqual([[19, 22], [43, 50]]);
    expect(matmul(at, bt, { transposeA: true, transposeB: true }).toArray()).toEqual([[19, 22], [43, 50]]);
  });

  it('treats a 1-D operand as a row or column vector and drops that axis', () => {
    expect(matmul(tensor([1, 2]), b).toArray()).toEqual([19, 22]);
    expect(matmul(a, tensor([5, 6])).toArray()).toEqual([17, 39]);
    const dot = matmul(tensor([1, 2, 3]), tensor([4, 5, 6]));
    expect(dot.shape).toEqual([]);
    expect(dot.item()).toBe(32);
  });

  it('multiplies batches and broadcasts the batch axes', () => {
    // batch 0 is [[1,2],[3,4]], batch 1 is 2·I
    const batch = tensor([[[1, 2], [3, 4]], [[2, 0], [0, 2]]]);
    expect(matmul(batch, b).toArray()).toEqual([[[19, 22], [43, 50]], [[10, 12], [14, 16]]]);
    const y = matmul(values([2, 1, 3, 4], 0), values([5, 4, 2], 1));
    expect(y.shape).toEqual([2, 5, 3, 2]);
  });

  it('takes each batch pair as broadcast', () => {
    const x = values([2, 1, 3, 4], 0);
    const w = values([5, 4, 2], 1);
    const y = matmul(x, w).dataSync();
    const xd = x.dataSync();
    const wd = w.dataSync();
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 5; j++) {
        const expected = reference(xd.subarray(i * 12, i * 12 + 12), wd.subarray(j * 8, j * 8 + 8), 3, 2, 4, false, false);
        expect(Array.from(y.subarray((i * 5 + j) * 6, (i * 5 + j + 1) * 6))).toBeAllClose(expected, { rtol: 1e-12 });
      }
    }
  });

  it.each(transposes)('agrees with the triple loop on blocked sizes (transposeA %s, transposeB %s)', (ta, tb) => {
    // 9×300 by 300×131 leaves partial 4×4 register tiles and crosses the 256-deep k and 128-wide n blocks.
    const [m, n, k] = [9, 131, 300];
    const x = values(ta ? [k, m] : [m, k], 2);
    const w = values(tb ? [n, k] : [k, n], 3);
    const expected = reference(x.dataSync(), w.dataSync(), m, n, k, ta, tb);
    expect(matmul(x, w, { transposeA: ta, transposeB: tb })).toBeAllClose(tensor(expected, [m, n], 'float64'), { rtol: 1e-10, atol: 1e-10 });
  });

  it('keeps float32 and float64', () => {
    expect(matmul(a, b).dtype).toBe('float32');
    expect(matmul(values([2, 2], 0), values([2, 2], 1)).dtype).toBe('float64');
  });

  it('gives zeros for an inner dimension of 0 and empty results for empty outer ones', () => {
    expect(matmul(tensor([], [2, 0]), tensor([], [0, 3])).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(matmul(tensor([], [0, 2]), b).shape).toEqual([0, 2]);
  });

  describe('gradient', () => {
    it.each(transposes)('matches finite differences with transposeA %s, transposeB %s', (ta, tb) => {
      expectGradClose((p) => weighted(matmul(p.a, p.b, { transposeA: ta, transposeB: tb })), {
        a: values(ta ? [4, 3] : [3, 4], 0),
        b: values(tb ? [5, 4] : [4, 5], 1),
      });
    });

    it.each(transposes)('matches finite differences for batches (transposeA %s, transposeB %s)', (ta, tb) => {
      expectGradClose((p) => weighted(matmul(p.a, p.b, { transposeA: ta, transposeB: tb })), {
        a: values(ta ? [2, 4, 3] : [2, 3, 4], 0),
        b: values(tb ? [2, 5, 4] : [2, 4, 5], 1),
      });
    });

    it.each<[string, Shape, Shape]>([
      ['[2,1,3,4] x [3,4,5]', [2, 1, 3, 4], [3, 4, 5]],
      ['[2,3,4] x [4,5]', [2, 3, 4], [4, 5]],
      ['[3,4] x [2,4,5]', [3, 4], [2, 4, 5]],
      ['[1,3,4] x [2,4,5]', [1, 3, 4], [2, 4, 5]],
    ])('sums over broadcast batch axes for %s', (_, aShape, bShape) => {
      expectGradClose((p) => weighted(matmul(p.a, p.b)), { a: values(aShape, 0), b: values(bShape, 1) });
    });

    it.each<[string, Shape, Shape, boolean, boolean]>([
      ['[4] x [4,5]', [4], [4, 5], false, false],
      ['[3,4] x [4]', [3, 4], [4], false, false],
      ['[4] x [4]', [4], [4], false, false],
      ['[4] x [2,4,5]', [4], [2, 4, 5], false, false],
      ['[2,3,4] x [4]', [2, 3, 4], [4], false, false],
      ['[4] x [5,4]ᵀ', [4], [5, 4], false, true],
      ['[4,3]ᵀ x [4]', [4, 3], [4], true, false],
    ])('handles the 1-D operands of %s', (_, aShape, bShape, ta, tb) => {
      expectGradClose((p) => weighted(matmul(p.a, p.b, { transposeA: ta, transposeB: tb })), { a: values(aShape, 0), b: values(bShape, 1) });
    });
  });

  it('refuses inner dimensions that differ, naming both shapes', () => {
    expect(() => matmul(tensor([[1, 2, 3], [4, 5, 6]]), tensor(new Float32Array(20), [4, 5]))).toThrow(
      new ShapeError('matmul', 'inner dimensions differ: [2,3] x [4,5]'),
    );
    expect(() => matmul(tensor(new Float32Array(6), [2, 3]), tensor(new Float32Array(6), [3, 2]), { transposeA: true })).toThrow(
      new ShapeError('matmul', 'inner dimensions differ: [2,3]ᵀ x [3,2]'),
    );
  });

  it('refuses batch axes that do not broadcast, naming both shapes', () => {
    expect(() => matmul(tensor(new Float32Array(24), [2, 3, 4]), tensor(new Float32Array(60), [3, 4, 5]))).toThrow(
      new ShapeError('matmul', 'batch dimensions cannot be broadcast together: [2,3,4] x [3,4,5]'),
    );
  });

  it('refuses scalars', () => {
    expect(() => matmul(tensor(2), a)).toThrow(new ShapeError('matmul', 'expected tensors of rank ≥ 1, got [] x [2,2]'));
  });

  it('refuses mixed and integer dtypes', () => {
    expect(() => matmul(a, values([2, 2], 0))).toThrow(new DTypeError('matmul', 'dtypes differ: float32 and float64; cast one explicitly with cast()'));
    expect(() => matmul(tensor([[1]], [1, 1], 'int32'), tensor([[1]], [1, 1], 'int32'))).toThrow(
      new DTypeError('matmul', 'expected a float32 or float64 input, got int32'),
    );
  });
});
