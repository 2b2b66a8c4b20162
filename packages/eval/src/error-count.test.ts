import { describe, expect, it } from 'vitest';
import { tensor } from '@nn/tensor';
import { errorCount } from './error-count';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');

describe('errorCount', () => {
  it('counts the samples whose argmax is not the label', () => {
    // argmax 0, 1, 0, 2 against 0, 1, 2, 2
    expect(errorCount(tensor([[2, 1, 0], [0, 3, 1], [1, 0, 0.5], [0, 0, 4]]), labels([0, 1, 2, 2]))).toBe(1);
  });

  it('counts binary mistakes at the threshold', () => {
    expect(errorCount(tensor([0.9, 0.4, 0.5, 0.51]), labels([1, 0, 1, 1]))).toBe(1);
    expect(errorCount(tensor([0.9, 0.4, 0.5, 0.51]), labels([1, 0, 1, 1]), { threshold: 0.45 })).toBe(0);
    expect(errorCount(tensor([-3, 2]), tensor([1, 1]), { fromLogits: true })).toBe(1);
  });

  it('is 0 for an empty batch', () => {
    expect(errorCount(tensor([], [0, 10]), labels([]))).toBe(0);
  });
});
