import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { permute, transpose } from './permute';
import { sum } from './reduce';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') });

describe('permute', () => {
  it('moves input axis perm[i] to output axis i', () => {
    // x[i,j,k] = 100i + 10j + k; y = permute(x, [2,0,1]) has y[k,i,j] = x[i,j,k]
    const x = tensor(Array.from({ length: 24 }, (_, n) => 100 * Math.floor(n / 12) + 10 * (Math.floor(n / 4) % 3) + (n % 4)), [2, 3, 4]);
    const y = permute(x, [2, 0, 1]);
    expect(y.shape).toEqual([4, 2, 3]);
    expect(y.toArray()).toEqual([0, 1, 2, 3].map((k) => [0, 1].map((i) => [0, 1, 2].map((j) => 100 * i + 10 * j + k))));
  });

  it('accepts negative axes', () => expect(permute(tensor([[1, 2]]), [-1, 0]).toArray()).toEqual([[1], [2]]));

  it.each([[[0, 2, 1]], [[2, 0, 1]], [[1, 2, 0]], [[2, 1, 0]]])('passes the gradient back through the inverse of %j', (perm) => {
    expectGradClose((p) => weighted(permute(p.x, perm)), cube());
  });

  it('refuses a list that is not a permutation', () => {
    const x = tensor([[1, 2]]);
    expect(() => permute(x, [0, 0])).toThrow(new ShapeError('permute', 'expected a permutation of 0…1, got [0,0]'));
    expect(() => permute(x, [0])).toThrow(new ShapeError('permute', 'expected a permutation of 0…1, got [0]'));
    expect(() => permute(x, [0, 2])).toThrow(ShapeError);
  });
});

describe('transpose', () => {
  it('transposes a matrix', () => expect(transpose(tensor([[1, 2, 3], [4, 5, 6]])).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]));
  it('reverses all axes by default', () => expect(transpose(cube().x).shape).toEqual([4, 3, 2]));
  it('passes the gradient back', () => expectGradClose((p) => weighted(transpose(p.x)), cube()));
});
