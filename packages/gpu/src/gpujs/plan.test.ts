import { describe, expect, it } from 'vitest';
import { broadcastStrides, planBatch, planReduce, planStrided } from './plan';

describe('planStrided', () => {
  it('merges a contiguous tensor into one axis', () => {
    expect(planStrided([2, 3, 4], [[12, 4, 1]])).toEqual({ output: [24], strides: [[0, 0, 1]] });
  });
  it('keeps the axes along which one operand broadcasts apart', () => {
    // [33,65] + [65]: rows of a, one row of b repeated
    expect(planStrided([33, 65], [[65, 1], broadcastStrides([65], [33, 65])])).toEqual({ output: [65, 33], strides: [[0, 65, 1], [0, 0, 1]] });
  });
  it('drops size-1 axes and plans a scalar as one element', () => {
    expect(planStrided([1, 7, 1], [[7, 1, 1]])).toEqual({ output: [7], strides: [[0, 0, 1]] });
    expect(planStrided([], [[]])).toEqual({ output: [1], strides: [[0, 0, 0]] });
  });
  it('gives up beyond three axes', () => {
    expect(planStrided([2, 3, 4, 5], [[60, 20, 5, 1], broadcastStrides([2, 1, 4, 1], [2, 3, 4, 5])])).toBeNull();
  });
});

describe('planReduce', () => {
  it('reduces one run of adjacent axes per pass, the last run first', () => {
    expect(planReduce([2, 3, 4, 5], [0, 2], 1024)).toEqual([
      { outer: 6, r: 4, inner: 5, chunk: 4, chunks: 1 },
      { outer: 1, r: 2, inner: 15, chunk: 2, chunks: 1 },
    ]);
  });
  it('splits a long run into chunks and reduces the partial results again', () => {
    expect(planReduce([3, 2500], [1], 1024)).toEqual([
      { outer: 3, r: 2500, inner: 1, chunk: 1024, chunks: 3 },
      { outer: 3, r: 3, inner: 1, chunk: 3, chunks: 1 },
    ]);
  });
  it('needs no pass for size-1 axes', () => {
    expect(planReduce([1, 7], [0], 1024)).toEqual([]);
  });
});

describe('planBatch', () => {
  it('steps each operand along up to two merged batch axes, 0 where it broadcasts', () => {
    // A [2,1,m,k] against B [3,k,n]: batch [2,3]
    expect(planBatch([2, 3], [2, 1], 10, [3], 20)).toEqual({ count: 6, nb1: 3, a: [10, 0], b: [0, 20] });
    expect(planBatch([], [], 10, [], 20)).toEqual({ count: 1, nb1: 1, a: [0, 0], b: [0, 0] });
    expect(planBatch([2, 2, 3], [2, 1, 3], 1, [1, 2, 1], 1)).toBeNull();
  });
});
