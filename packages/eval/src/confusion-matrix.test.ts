import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError, tensor } from '@nn/tensor';
import { confusionMatrix } from './confusion-matrix';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');

describe('confusionMatrix', () => {
  it('counts (true, predicted) pairs with true classes as rows', () => {
    // true 0 0 1 1 2 2 2, predicted 0 1 1 1 2 0 2
    const cm = confusionMatrix(labels([0, 1, 1, 1, 2, 0, 2]), labels([0, 0, 1, 1, 2, 2, 2]), 3);
    expect(cm).toEqual({ numClasses: 3, matrix: [[1, 1, 0], [0, 2, 0], [1, 0, 2]] });
  });

  it('takes logits and one-hot targets', () => {
    const cm = confusionMatrix(tensor([[2, 1], [0, 3], [1, 0]]), tensor([[1, 0], [1, 0], [0, 1]]), 2);
    expect(cm.matrix).toEqual([[1, 1], [1, 0]]);
  });

  it('has rows summing to the class counts and a trace equal to the correct predictions', () => {
    const cm = confusionMatrix(tensor([0.9, 0.2, 0.6, 0.1, 0.7]), labels([1, 1, 0, 0, 1]), 2);
    expect(cm.matrix).toEqual([[1, 1], [1, 2]]);
  });

  it('keeps classes that never occur as rows and columns of zeros', () => {
    expect(confusionMatrix(labels([0, 0]), labels([0, 2]), 4).matrix).toEqual([[1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]);
  });

  it('refuses classes outside [0, numClasses)', () => {
    expect(() => confusionMatrix(labels([0, 1]), labels([0, 3]), 3)).toThrow(
      new ValueError('confusionMatrix', 'label 3 at position 1 is out of range for 3 classes (expected 0 … 2)'),
    );
    expect(() => confusionMatrix(labels([5, 1]), labels([0, 1]), 3)).toThrow(
      new ValueError('confusionMatrix', 'predicted class 5 at position 0 is out of range for 3 classes (expected 0 … 2)'),
    );
  });

  it('refuses a class count that disagrees with the inputs or is not a positive integer', () => {
    expect(() => confusionMatrix(tensor([[2, 1], [0, 3]]), labels([0, 1]), 3)).toThrow(
      new ShapeError('confusionMatrix', 'the inputs have 2 classes but numClasses is 3'),
    );
    expect(() => confusionMatrix(labels([0]), labels([0]), 0)).toThrow(
      new ValueError('confusionMatrix', 'numClasses must be a positive integer, got 0'),
    );
    expect(() => confusionMatrix(labels([0]), labels([0]), 2.5)).toThrow(ValueError);
  });
});
