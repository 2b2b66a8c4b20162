import { describe, expect, it } from 'vitest';
import { NnError, ShapeError, type Tensor, ValueError, tensor } from '@nn/tensor';
import { accuracy } from './accuracy';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');
// argmax per row: 0, 1, 0, 2
const logits = () => tensor([[2, 1, 0], [0, 3, 1], [1, 0, 0.5], [0, 0, 4]]);

describe('accuracy', () => {
  it('is a metric: (prediction, target) → number', () => {
    const metric: (prediction: Tensor, target: Tensor) => number = accuracy;
    expect(typeof metric(logits(), labels([0, 1, 2, 2]))).toBe('number');
  });

  it('compares the argmax of [N, C] logits with int32 labels', () => {
    expect(accuracy(logits(), labels([0, 1, 2, 2]))).toBe(0.75);
  });

  it('takes one-hot or probability targets [N, C] (argmax)', () => {
    expect(accuracy(logits(), tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.1, 0.2, 0.7]]))).toBe(0.75);
  });

  it('takes int32 class indices as the prediction', () => {
    expect(accuracy(labels([0, 1, 0, 2]), labels([0, 1, 2, 2]))).toBe(0.75);
  });

  it('thresholds binary probabilities at 0.5 (class 1 strictly above)', () => {
    // classes 1, 0, 0, 1 against 1, 0, 1, 1
    expect(accuracy(tensor([0.9, 0.4, 0.5, 0.51]), labels([1, 0, 1, 1]))).toBe(0.75);
    expect(accuracy(tensor([[0.9], [0.4], [0.5], [0.51]]), tensor([[1], [0], [1], [1]]))).toBe(0.75);
  });

  it('thresholds binary logits at 0 with fromLogits, or at any given threshold', () => {
    expect(accuracy(tensor([[2], [-1], [0]]), labels([1, 0, 0]), { fromLogits: true })).toBe(1);
    expect(accuracy(tensor([0.9, 0.4, 0.5]), labels([1, 1, 1]), { threshold: 0.3 })).toBe(1);
  });

  it('takes ±1 binary targets (−1 is class 0), as the perceptron and hinge use', () => {
    expect(accuracy(tensor([1.5, -0.2, 0.3, -4]), tensor([1, -1, -1, -1]), { fromLogits: true })).toBe(0.75);
  });

  it('refuses batches of different sizes', () => {
    expect(() => accuracy(logits(), labels([0, 1, 2]))).toThrow(
      new ShapeError('accuracy', 'prediction [4,3] and target [3] have different sample counts'),
    );
  });

  it('refuses a label out of range, naming it and the class count', () => {
    expect(() => accuracy(logits(), labels([0, 1, 3, 2]))).toThrow(
      new ValueError('accuracy', 'label 3 at position 2 is out of range for 3 classes (expected 0 … 2)'),
    );
    expect(() => accuracy(logits(), labels([0, -1, 2, 2]))).toThrow(new ValueError('accuracy', 'label -1 at position 1 is negative'));
  });

  it('refuses one-hot targets with another class count, and float labels', () => {
    expect(() => accuracy(logits(), tensor([[1, 0], [0, 1], [1, 0], [0, 1]]))).toThrow(
      new ShapeError('accuracy', 'prediction [4,3] has 3 classes but target [4,2] has 2'),
    );
    expect(() => accuracy(logits(), tensor([0, 1, 2, 2]))).toThrow(ShapeError);
  });

  it('refuses binary targets other than 0/1 or ±1, and a mix of both', () => {
    expect(() => accuracy(tensor([0.2, 0.7]), tensor([0, 2]))).toThrow(
      new ValueError('accuracy', 'binary target 2 at position 1 is not 0, 1 or −1'),
    );
    expect(() => accuracy(tensor([0.2, 0.7, 0.1]), tensor([0, 1, -1]))).toThrow(
      new ValueError('accuracy', 'binary target -1 at position 2 mixes 0/1 and ±1 labels'),
    );
  });

  it('refuses NaN predictions, odd ranks, non-tensors and empty batches', () => {
    expect(() => accuracy(tensor([[0, NaN]]), labels([0]))).toThrow(new ValueError('accuracy', 'prediction is NaN at [0,1]'));
    expect(() => accuracy(tensor([NaN]), labels([0]))).toThrow(ValueError);
    expect(() => accuracy(tensor([[[1]]]), labels([0]))).toThrow(ShapeError);
    expect(() => accuracy([1, 0] as unknown as Tensor, labels([0, 1]))).toThrow(NnError);
    expect(() => accuracy(tensor([], [0, 3]), labels([]))).toThrow(ValueError);
  });
});
