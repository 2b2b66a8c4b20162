import { describe, expect, it } from 'vitest';
import { NnError, ShapeError } from '../errors';
import type { Tensor } from '../tensor';
import { expectGradClose } from '../testing';
import { mul } from './binary';
import { tensor } from './creation';
import { sum } from './reduce';
import { expandDims, reshape, squeeze } from './reshape';

/** Σ w·y with fixed, non-uniform weights (w_i = 1.5 + sin(i + 1)), so no gradient check is trivially symmetric. */
function weighted(y: Tensor): Tensor {
  const w = Array.from({ length: y.size }, (_, i) => 1.5 + Math.sin(i + 1));
  return sum(mul(y, tensor(w, y.shape, y.dtype)));
}

const cube = () => ({ x: tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 3, 4], 'float64') });

describe('reshape', () => {
  it('keeps the row-major order of the elements', () => {
    expect(reshape(tensor([[1, 2, 3], [4, 5, 6]]), [3, 2]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('infers one −1 dimension', () => {
    expect(reshape(tensor([1, 2, 3, 4, 5, 6]), [-1, 3]).shape).toEqual([2, 3]);
    expect(reshape(tensor([[1, 2], [3, 4]]), [-1]).toArray()).toEqual([1, 2, 3, 4]);
    expect(reshape(tensor([5]), []).shape).toEqual([]);
  });

  it('keeps the dtype', () => expect(reshape(tensor([1, 2], [2], 'int32'), [2, 1]).dtype).toBe('int32'));

  it.each([[[4, 6]], [[-1]], [[2, 12]], [[1, 24, 1]]])('passes the gradient back reshaped (to %j)', (shape) => {
    expectGradClose((p) => weighted(reshape(p.x, shape)), cube());
  });

  it('refuses a different number of elements', () => {
    expect(() => reshape(tensor([[1, 2, 3], [4, 5, 6]]), [4])).toThrow(new ShapeError('reshape', 'cannot reshape [2,3] (6 elements) into [4]'));
  });

  it('refuses a −1 it cannot infer and more than one −1', () => {
    expect(() => reshape(tensor([1, 2, 3]), [-1, 2])).toThrow(new ShapeError('reshape', 'cannot infer -1 in [-1,2] for 3 elements from [3]'));
    expect(() => reshape(tensor([1, 2]), [-1, -1])).toThrow(new ShapeError('reshape', 'expected non-negative integers and at most one -1, got [-1,-1]'));
    expect(() => reshape(tensor([1, 2]), [2.5])).toThrow(ShapeError);
  });

  it('refuses a non-tensor', () => {
    expect(() => reshape([1, 2] as never, [2])).toThrow(new NnError('reshape', 'expected a Tensor as input, got an array; wrap values with tensor()'));
  });
});

describe('squeeze', () => {
  it('drops every axis of length 1 by default', () => {
    expect(squeeze(tensor([[[1], [2]]])).shape).toEqual([2]);
  });

  it('drops only the given axes', () => {
    expect(squeeze(tensor([[[1], [2]]]), -1).shape).toEqual([1, 2]);
    expect(squeeze(tensor([[[1], [2]]]), [0, 2]).toArray()).toEqual([1, 2]);
  });

  it('passes the gradient back', () => {
    expectGradClose((p) => weighted(squeeze(p.x)), { x: tensor([0.3, -1.2, 2], [1, 3, 1], 'float64') });
  });

  it('refuses an axis that is not of length 1', () => {
    expect(() => squeeze(tensor([[1, 2]]), 1)).toThrow(new ShapeError('squeeze', 'axis 1 of [1,2] has length 2, not 1'));
  });
});

describe('expandDims', () => {
  it('inserts an axis of length 1', () => {
    const x = tensor([1, 2, 3]);
    expect(expandDims(x, 0).shape).toEqual([1, 3]);
    expect(expandDims(x, 1).shape).toEqual([3, 1]);
    expect(expandDims(x, -1).shape).toEqual([3, 1]);
  });

  it('passes the gradient back', () => {
    expectGradClose((p) => weighted(expandDims(p.x, 1)), { x: tensor([[0.3, -1.2], [2, 0.7]], undefined, 'float64') });
  });

  it('refuses an axis past the new rank', () => {
    expect(() => expandDims(tensor([1]), 2)).toThrow(new ShapeError('expandDims', 'axis 2 is out of range for a tensor of rank 2'));
  });
});
