import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor, zeros } from './creation';
import { permute } from './permute';
import { type Axes, argmax, argmin, max, min, sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

/** A [2,3,4] float64 tensor of 24 distinct values (7 is coprime to 24, so i·7 mod 24 is a permutation). */
const distinct = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => ((i * 7) % 24) / 4 - 3), [2, 3, 4], 'float64') });

const axisCases: [string, Axes | undefined][] = [
  ['all axes', undefined],
  ['axis 0', 0],
  ['axis 1', 1],
  ['axis 2', 2],
  ['axis −1', -1],
  ['axes [0, 2]', [0, 2]],
];

describe('sum', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);

  it('adds everything by default', () => expect(sum(x)).toBeAllClose(21));
  it('adds over one axis', () => {
    expect(sum(x, 0)).toBeAllClose([5, 7, 9]);
    expect(sum(x, 1)).toBeAllClose([6, 15]);
    expect(sum(x, -1)).toBeAllClose([6, 15]);
  });
  it('keeps reduced axes as 1 with keepDims', () => {
    expect(sum(x, 1, true).toArray()).toEqual([[6], [15]]);
    expect(sum(x, undefined, true).shape).toEqual([1, 1]);
  });
  it('adds over middle and non-adjacent axes of a 3-D tensor', () => {
    const y = tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    // axis 1: [i,k] = Σⱼ (12i + 4j + k) = 36i + 12 + 3k
    expect(sum(y, 1).toArray()).toEqual([[12, 15, 18, 21], [48, 51, 54, 57]]);
    // axes [0,2]: [j] = Σᵢₖ (12i + 4j + k) = 4·12 + 32j + 2·6 = 60 + 32j
    expect(sum(y, [0, 2]).toArray()).toEqual([60, 92, 124]);
  });
  it('gives 0 for an empty tensor', () => expect(sum(zeros([0, 3]))).toBeAllClose(0));
  it('keeps int32', () => expect(sum(tensor([1, 2], [2], 'int32')).dtype).toBe('int32'));

  for (const keepDims of [false, true]) {
    it.each(axisCases)(`has gradient 1 over %s (keepDims ${keepDims})`, (_, axes) => {
      expectGradClose((p) => weighted(sum(p.x, axes, keepDims)), distinct());
    });
  }

  it('refuses an axis out of range', () => {
    expect(() => sum(x, 2)).toThrow(new ShapeError('sum', 'axis 2 is out of range for a tensor of rank 2'));
  });
  it('refuses repeated axes', () => {
    expect(() => sum(x, [0, -2])).toThrow(new ShapeError('sum', 'axes repeat: [0,-2]'));
  });
});

describe('max', () => {
  const x = tensor([[1, 5, 3], [4, 2, 6]]);

  it('finds the largest element overall and per axis', () => {
    expect(max(x)).toBeAllClose(6);
    expect(max(x, 0)).toBeAllClose([4, 5, 6]);
    expect(max(x, 1, true).toArray()).toEqual([[5], [6]]);
  });
  it('handles −∞ and propagates NaN', () => {
    expect(max(tensor([-Infinity, -Infinity]))).toBeAllClose(-Infinity);
    expect(max(tensor([[1, NaN, 3], [1, 2, 3]]), 1)).toBeAllClose([NaN, 3]);
  });

  it.each([[[0]], [[1]], [[2]], [[3]], [[1, 2]], [[0, 1, 2]], [[0, 3]], [[1, 3]]])(
    'picks the first of tied ±0, propagates NaN and keeps −∞ over axes %j exactly as an element-by-element scan does',
    (axes: number[]) => {
      // [2,3,4,5] with ties, −0 and +0, NaN, ±∞; compared bit for bit (Object.is) with a scan written here
      const shape = [2, 3, 4, 5];
      const values = Array.from({ length: 120 }, (_, i) => [0, -0, 1, 1, -Infinity, 2, NaN, -1, Infinity, -0][(i * 7 + (i >> 3)) % 10]);
      const x = tensor(values, shape, 'float64');
      for (const [op, better] of [[max, (v: number, b: number) => v > b], [min, (v: number, b: number) => v < b]] as const) {
        const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
        const want = new Map<string, number>();
        for (let flat = 0; flat < 120; flat++) {
          const index = shape.map((_, i) => Math.floor(flat / shape.slice(i + 1).reduce((a, b) => a * b, 1)) % shape[i]);
          const key = kept.map((i) => index[i]).join();
          const v = values[flat];
          const b = want.get(key);
          if (b === undefined || (b === b && (v !== v || better(v, b)))) want.set(key, v);
        }
        const got = Array.from(op(x, axes).dataSync());
        expect(got.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual([...want.values()].map((v) => Object.is(v, -0) ? '-0' : v));
      }
    },
  );

  for (const keepDims of [false, true]) {
    it.each(axisCases)(`has gradient 1 at the maximum over %s (keepDims ${keepDims})`, (_, axes) => {
      expectGradClose((p) => weighted(max(p.x, axes, keepDims)), distinct());
    });
  }

  it('shares the gradient equally between two tied maxima', () => {
    expectGradClose((p) => weighted(max(p.x, 1)), { x: tensor([[1, 3, 3], [5, 2, 5]], undefined, 'float64') });
  });
  it('shares the gradient equally among three tied maxima', () => {
    // (a one-sided tie, which finite differences cannot check: the share is ⅓ each)
    expect(grad((p) => sum(max(p.x)), { x: tensor([2, 1, 2, 2]) }).x).toBeAllClose([1 / 3, 0, 1 / 3, 1 / 3]);
  });
  it('refuses an empty axis', () => {
    expect(() => max(zeros([0, 2]), 0)).toThrow(new ShapeError('max', 'cannot reduce the empty axis 0 of [0,2]'));
  });
  it.each([
    [[3, 2, 5, 2]], [[2, 3, 4, 3]], [[2, 2, 1, 3, 2]],
  ])('reduces pooling windows (axes −3 and −1 of %j) as over the two axes made adjacent: row-major first of ties, ±0 and NaN', (shape) => {
    const pool = [0, -0, 1, 1, -1, NaN, Infinity, -Infinity, 0.5];
    const size = shape.reduce((a, b) => a * b, 1);
    const x = tensor(Array.from({ length: size }, (_, i) => pool[(i * 5 + (i >> 2)) % pool.length]), shape);
    const r = shape.length;
    const adjacent = permute(x, [...shape.keys()].filter((i) => i !== r - 3).slice(0, r - 2).concat([r - 3, r - 1]));
    for (const op of [max, min]) {
      const got = op(x, [r - 3, r - 1]).dataSync();
      const want = op(adjacent, [r - 2, r - 1]).dataSync();
      expect(Array.from(got, (v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(Array.from(want, (v) => (Object.is(v, -0) ? '-0' : String(v))));
    }
  });
});

describe('min', () => {
  const x = tensor([[1, 5, 3], [4, 2, 6]]);

  it('finds the smallest element overall and per axis', () => {
    expect(min(x)).toBeAllClose(1);
    expect(min(x, 0)).toBeAllClose([1, 2, 3]);
    expect(min(x, -1)).toBeAllClose([1, 2]);
  });
  it('handles +∞ and propagates NaN', () => {
    expect(min(tensor([Infinity, Infinity]))).toBeAllClose(Infinity);
    expect(min(tensor([3, NaN, 1]))).toBeAllClose(NaN);
  });

  for (const keepDims of [false, true]) {
    it.each(axisCases)(`has gradient 1 at the minimum over %s (keepDims ${keepDims})`, (_, axes) => {
      expectGradClose((p) => weighted(min(p.x, axes, keepDims)), distinct());
    });
  }

  it('shares the gradient equally between tied minima', () => {
    expectGradClose((p) => weighted(min(p.x, 0)), { x: tensor([[1, 3, 0.5], [1, 2, 0.5]], undefined, 'float64') });
    expect(grad((p) => sum(min(p.x)), { x: tensor([0, 0, 0, 1]) }).x).toBeAllClose([1 / 3, 1 / 3, 1 / 3, 0]);
  });
});

describe('argmax', () => {
  const x = tensor([[1, 3, 3], [5, 2, 5]]);

  it('gives int32 indices along the last axis by default', () => {
    const i = argmax(x);
    expect(i.dtype).toBe('int32');
    expect(i.toArray()).toEqual([1, 0]);
  });
  it('takes the first index at a tie', () => {
    expect(argmax(x, 0).toArray()).toEqual([1, 0, 1]);
    expect(argmax(tensor([2, 2, 2])).toArray()).toEqual(0);
  });
  it('keeps the axis with keepDims', () => expect(argmax(x, 1, true).toArray()).toEqual([[1], [0]]));
  it('points at the first NaN, as NumPy', () => expect(argmax(tensor([1, NaN, 3, NaN])).item()).toBe(1));
  it('finds a maximum of −∞', () => expect(argmax(tensor([-Infinity, -Infinity])).item()).toBe(0));
  it('works along the middle axis of a 3-D tensor', () => {
    // [i,j,k] = (12i + 4j + k)·(−1)ʲ: along j the largest of {c, −(c+4), c+8} is j = 2
    const y = tensor(Array.from({ length: 24 }, (_, i) => i * (Math.floor(i / 4) % 3 === 1 ? -1 : 1)), [2, 3, 4]);
    expect(argmax(y, 1).toArray()).toEqual([[2, 2, 2, 2], [2, 2, 2, 2]]);
    expect(argmin(y, 1).toArray()).toEqual([[1, 1, 1, 1], [1, 1, 1, 1]]);
  });
  it('refuses an empty axis', () => {
    expect(() => argmax(zeros([2, 0]))).toThrow(new ShapeError('argmax', 'cannot take argmax over the empty axis 1 of [2,0]'));
  });
});

describe('argmin', () => {
  it('gives the first index of the smallest element', () => {
    expect(argmin(tensor([[1, 3, 1], [5, 2, 2]])).toArray()).toEqual([0, 1]);
  });
  it('points at the first NaN', () => expect(argmin(tensor([1, 0, NaN])).item()).toBe(2));
});

describe('sum over leading axes', () => {
  it('adds the rows of the leading axes, also for empty shapes', () => {
    // [[1,2],[3,4],[5,6]] summed over axis 0: (9, 12)
    expect(sum(tensor([[1, 2], [3, 4], [5, 6]]), 0)).toBeAllClose([9, 12]);
    expect(sum(tensor([[[1, 2]], [[3, 4]]]), [0, 1])).toBeAllClose([4, 6]);
    expect(sum(zeros([3, 0]), 0).shape).toEqual([0]);
    expect(sum(zeros([0, 4]), 0)).toBeAllClose([0, 0, 0, 0]);
  });
});
