import { describe, expect, it } from 'vitest';
import { grad } from '../autodiff/grad';
import { DTypeError, NnError, ShapeError } from '../errors';
import type { Shape } from '../shape';
import { sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import {
  add, div, equal, greater, greaterEqual, less, lessEqual, maximum, minimum, mul, notEqual, pow, sub,
} from './binary';
import { tensor } from './creation';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

// Values in [0.5, 2.5] for a and [0.55, 2.55] for b: positive (for pow and div) and never equal
// (a − b is a multiple of 1/(6.5·5.5) off 0.05), so maximum and minimum have no ties to straddle.
const aValues = (shape: Shape) => tensor(Array.from({ length: sizeOf(shape) }, (_, i) => 0.5 + ((i * 7 + 1) % 13) / 6.5), shape, 'float64');
const bValues = (shape: Shape) => tensor(Array.from({ length: sizeOf(shape) }, (_, i) => 0.55 + ((i * 5 + 3) % 11) / 5.5), shape, 'float64');

const broadcastCases: [string, Shape, Shape][] = [
  ['equal shapes', [2, 3], [2, 3]],
  ['[3,1] with [1,4]', [3, 1], [1, 4]],
  ['a scalar with a matrix', [], [2, 3]],
  ['a matrix with a scalar', [2, 3], []],
  ['[2,3,4] with [4]', [2, 3, 4], [4]],
  ['[4] with [2,3,4]', [4], [2, 3, 4]],
];

const differentiable = { add, sub, mul, div, pow, maximum, minimum };

for (const [name, op] of Object.entries(differentiable)) {
  describe(`${name} gradient`, () => {
    it.each(broadcastCases)('matches finite differences for %s', (_, aShape, bShape) => {
      expectGradClose((p) => weighted(op(p.a, p.b)), { a: aValues(aShape), b: bValues(bShape) });
    });

    it('flows to both operands when they are the same tensor', () => {
      expectGradClose((p) => weighted(op(p.a, p.a)), { a: aValues([2, 2]) });
    });
  });
}

describe('add', () => {
  it('broadcasts [3,1] with [1,4]', () => {
    expect(add(tensor([[1], [2], [3]]), tensor([[10, 20, 30, 40]]))).toBeAllClose([
      [11, 21, 31, 41],
      [12, 22, 32, 42],
      [13, 23, 33, 43],
    ]);
  });

  it('broadcasts [2,3,4] with [4] along the last axis', () => {
    const x = tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const y = add(x, tensor([0, 100, 200, 300]));
    expect(y.shape).toEqual([2, 3, 4]);
    // element [i,j,k] = 12i + 4j + k + 100k
    expect(y.toArray()).toEqual([0, 1].map((i) => [0, 1, 2].map((j) => [0, 1, 2, 3].map((k) => 12 * i + 4 * j + 101 * k))));
  });

  it('gives a plain number the dtype of the tensor', () => {
    const y = add(tensor([1], [1], 'float64'), 0.1);
    expect(y.dtype).toBe('float64');
    expect(y.dataSync()[0]).toBe(1.1);
  });

  it('adds two numbers as float32 scalars', () => {
    const y = add(1, 2);
    expect(y.shape).toEqual([]);
    expect(y.dtype).toBe('float32');
    expect(y.item()).toBe(3);
  });

  it('adds int32 tensors as int32', () => {
    const y = add(tensor([1, 2], [2], 'int32'), 3);
    expect(y.dtype).toBe('int32');
    expect(y.toArray()).toEqual([4, 5]);
  });

  it('refuses to mix float32 and float64, asking for a cast', () => {
    expect(() => add(tensor([1]), tensor([1], [1], 'float64'))).toThrow(
      new DTypeError('add', 'dtypes differ: float32 and float64; cast one explicitly with cast()'),
    );
  });

  it('refuses shapes that do not broadcast, naming both', () => {
    expect(() => add(tensor([[1, 2, 3], [4, 5, 6]]), tensor([1, 2, 3, 4]))).toThrow(
      new ShapeError('add', 'shapes cannot be broadcast together: [2,3] and [4]'),
    );
  });

  it('refuses plain arrays', () => {
    expect(() => add(tensor([1]), [1] as never)).toThrow(new NnError('add', 'expected a Tensor as input, got an array; wrap values with tensor()'));
  });
});

describe('sub', () => {
  it('subtracts, with a number on either side', () => {
    expect(sub(5, tensor([1, 2]))).toBeAllClose([4, 3]);
    expect(sub(tensor([1, 2]), 5)).toBeAllClose([-4, -3]);
  });
});

describe('mul', () => {
  it('multiplies elementwise with a scalar tensor', () => {
    expect(mul(tensor(3), tensor([[1, 2], [3, 4]]))).toBeAllClose([[3, 6], [9, 12]]);
  });
});

describe('div', () => {
  it('divides, giving ±∞ on division by 0', () => {
    expect(div(tensor([1, 2, -1]), tensor([4, 0, 0]))).toBeAllClose([0.25, Infinity, -Infinity]);
  });

  it('refuses int32', () => {
    expect(() => div(tensor([1], [1], 'int32'), 2)).toThrow(new DTypeError('div', 'expected a float32 or float64 input, got int32'));
  });
});

describe('pow', () => {
  // 2³ = 8, 9^½ = 3, 4⁻¹ = ¼
  it('raises to a power', () => expect(pow(tensor([2, 9, 4]), tensor([3, 0.5, -1]))).toBeAllClose([8, 3, 0.25]));

  it('takes the exponent gradient as 0 where the base is ≤ 0, not NaN', () => {
    // ∂aᵇ/∂a = b·aᵇ⁻¹ = [2·(−2), 0, 2·2]; ∂aᵇ/∂b = aᵇ ln a = [0, 0, 4 ln 2]
    const g = grad((p) => sum(pow(p.a, p.b)), { a: tensor([-2, 0, 2], [3], 'float64'), b: tensor([2, 2, 2], [3], 'float64') });
    expect(g.a).toBeAllClose([-4, 0, 4]);
    expect(g.b).toBeAllClose([0, 0, 4 * Math.LN2]);
  });
});

describe('maximum', () => {
  it('takes the larger element and propagates NaN', () => {
    expect(maximum(tensor([1, 5, 3, NaN]), tensor([2, 2, 3, 1]))).toBeAllClose([2, 5, 3, NaN]);
  });

  it('gives the whole gradient to a at a tie', () => {
    const g = grad((p) => sum(maximum(p.a, p.b)), { a: tensor([1, 5, 3]), b: tensor([2, 2, 3]) });
    expect(g.a).toBeAllClose([0, 1, 1]);
    expect(g.b).toBeAllClose([1, 0, 0]);
  });
});

describe('minimum', () => {
  it('takes the smaller element', () => expect(minimum(tensor([1, 5, 3]), 2)).toBeAllClose([1, 2, 2]));

  it('gives the whole gradient to a at a tie', () => {
    const g = grad((p) => sum(minimum(p.a, p.b)), { a: tensor([1, 5, 3]), b: tensor([2, 2, 3]) });
    expect(g.a).toBeAllClose([1, 0, 1]);
    expect(g.b).toBeAllClose([0, 1, 0]);
  });
});

describe('comparisons', () => {
  const x = tensor([1, 2, 3, NaN], [4], 'float64');
  it.each([
    ['greater', greater, [0, 0, 1, 0]],
    ['greaterEqual', greaterEqual, [0, 1, 1, 0]],
    ['less', less, [1, 0, 0, 0]],
    ['lessEqual', lessEqual, [1, 1, 0, 0]],
    ['equal', equal, [0, 1, 0, 0]],
    ['notEqual', notEqual, [1, 0, 1, 1]],
  ] as const)('%s gives a 0/1 mask of the input dtype (NaN compares false, except ≠)', (_, op, expected) => {
    const mask = op(x, 2);
    expect(mask.dtype).toBe('float64');
    expect(mask.toArray()).toEqual(expected);
  });

  it('keeps float32 and int32 masks in their dtype', () => {
    expect(greater(tensor([1, 3]), 2).dtype).toBe('float32');
    const m = less(tensor([1, 3], [2], 'int32'), 2);
    expect(m.dtype).toBe('int32');
    expect(m.toArray()).toEqual([1, 0]);
  });

  it('broadcast like the arithmetic ops', () => {
    expect(greater(tensor([[1], [3]]), tensor([[0, 2, 4]])).toArray()).toEqual([[1, 0, 0], [1, 1, 0]]);
  });

  it('carry no gradient', () => {
    const g = grad((p) => sum(add(greater(p.x, 0), p.x)), { x: tensor([-1, 2]) });
    expect(g.x).toBeAllClose([1, 1]);
  });

  it('refuse shapes that do not broadcast', () => {
    expect(() => equal(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(new ShapeError('equal', 'shapes cannot be broadcast together: [2] and [3]'));
  });
});
