import { describe, expect, it } from 'vitest';
import { ShapeError, createRng, scalar, tensor, zeros } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { flatten } from './flatten';
import { randn64, weighted } from './test-helpers';

describe('flatten', () => {
  it('keeps the batch axis and joins the rest in row-major order', () => {
    expect(flatten(tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2])).toArray()).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(flatten(zeros([3, 16, 5, 5])).shape).toEqual([3, 400]);
    expect(flatten(zeros([3])).shape).toEqual([3, 1]);
  });
  it('passes the gradient through', () => expectGradClose((p) => weighted(flatten(p.x)), { x: randn64([2, 3, 2], createRng(1)) }));
  it('refuses a scalar', () => {
    expect(() => flatten(scalar(1))).toThrow(new ShapeError('flatten', 'expected input of shape [N,…] (rank ≥ 1), got []'));
  });
});
