import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, ShapeError, ValueError, grad, tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');

describe('softmaxCrossEntropy', () => {
  it('is a Loss', () => {
    const loss: Loss = softmaxCrossEntropy;
    expect(loss(tensor([[0, 0]]), labels([1])).item()).toBeCloseTo(Math.LN2, 6);
  });

  it('is the batch mean of −log softmax(z)[label]', () => {
    // row 0: softmax [½, ½] → ln 2; row 1: softmax [¼, ¾] → −ln ¾ → (ln 2 + ln 4/3) / 2 = ½ ln 8/3
    const z = tensor([[0, 0], [0, Math.log(3)]]);
    expect(softmaxCrossEntropy(z, labels([0, 1])).item()).toBeCloseTo(0.5 * Math.log(8 / 3), 6);
  });

  it('gives the same value for one-hot targets as for labels', () => {
    const z = tensor([[0.2, -1, 3], [1.5, 0.1, -0.4]]);
    const fromLabels = softmaxCrossEntropy(z, labels([2, 0])).item();
    expect(softmaxCrossEntropy(z, tensor([[0, 0, 1], [1, 0, 0]])).item()).toBeCloseTo(fromLabels, 6);
  });

  it('takes soft probability targets', () => {
    // row 0: ln 2; row 1 (softmax [¼, ¾], t = [¼, ¾]): −(¼ ln ¼ + ¾ ln ¾) = 0.5623351
    const z = tensor([[0, 0], [0, Math.log(3)]]);
    const row1 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    expect(softmaxCrossEntropy(z, tensor([[0.5, 0.5], [0.25, 0.75]])).item()).toBeCloseTo((Math.LN2 + row1) / 2, 6);
  });

  it('is exact for logits of ±1000', () => {
    // [1000, −1000] with label 1: 2000; [−1000, 1000] with label 1: 0; [1000, 1000]: ln 2
    expect(softmaxCrossEntropy(tensor([[1000, -1000], [-1000, 1000]]), labels([1, 1])).item()).toBe(1000);
    expect(softmaxCrossEntropy(tensor([[1000, 1000]]), labels([0])).item()).toBeCloseTo(Math.LN2, 6);
    expect(softmaxCrossEntropy(tensor([[-1000, -1000, -1000, -1000]]), labels([3])).item()).toBeCloseTo(Math.log(4), 6);
  });

  it('has the finite gradient (softmax(z) − t) / N at ±1000', () => {
    const g = grad((p) => softmaxCrossEntropy(p.z, labels([1, 1])), { z: tensor([[1000, -1000], [-1000, 1000]]) });
    expect(g.z).toBeAllClose([[0.5, -0.5], [0, 0]]);
  });

  it('has the analytic gradient in float64 for labels, soft targets and weights', () => {
    const params = { z: tensor([[2.5, -0.4, 0.1], [0, 1.3, -2], [-3.1, 0.7, 0.7]], undefined, 'float64') };
    const soft = tensor([[0.2, 0.5, 0.3], [0, 1, 0], [0.6, 0.4, 0]], undefined, 'float64');
    const w = tensor([1, 2, 0.5], [3], 'float64');
    expectGradClose((p) => softmaxCrossEntropy(p.z, labels([0, 2, 1])), params);
    expectGradClose((p) => softmaxCrossEntropy(p.z, soft), params);
    expectGradClose((p) => softmaxCrossEntropy(p.z, labels([0, 2, 1]), w), params);
  });

  it('refuses a label out of range, naming it and the class count', () => {
    const z = tensor([[0, 0, 0], [0, 0, 0]]);
    expect(() => softmaxCrossEntropy(z, labels([0, 3]))).toThrow(
      new ValueError('softmaxCrossEntropy', 'label 3 at position 1 is out of range for 3 classes (expected 0 … 2)'),
    );
    expect(() => softmaxCrossEntropy(z, labels([-1, 0]))).toThrow(ValueError);
  });

  it('refuses labels whose count differs from the batch', () => {
    expect(() => softmaxCrossEntropy(tensor([[0, 0], [0, 0]]), labels([0, 1, 1]))).toThrow(
      new ShapeError('softmaxCrossEntropy', 'int32 labels must have shape [2] for logits [2,2], got [3]'),
    );
  });

  it('refuses float labels and int32 one-hot targets', () => {
    expect(() => softmaxCrossEntropy(tensor([[0, 0]]), tensor([1]))).toThrow(
      new ShapeError('softmaxCrossEntropy', "targets of shape [1] look like class labels; labels must be int32 (cast(labels, 'int32'))"),
    );
    expect(() => softmaxCrossEntropy(tensor([[0, 0]]), tensor([[0, 1]], undefined, 'int32'))).toThrow(
      new ShapeError('softmaxCrossEntropy', 'int32 targets are class labels of shape [N], got [1,2]; cast one-hot targets to float32'),
    );
  });

  it('refuses probability targets of another shape or dtype, or that are not probabilities', () => {
    const z = tensor([[0, 0], [0, 0]]);
    expect(() => softmaxCrossEntropy(z, tensor([[1, 0, 0], [0, 1, 0]]))).toThrow(ShapeError);
    expect(() => softmaxCrossEntropy(z, tensor([[1, 0], [0, 1]], undefined, 'float64'))).toThrow(DTypeError);
    expect(() => softmaxCrossEntropy(z, tensor([[1, 0], [1.5, -0.5]]))).toThrow(
      new ValueError('softmaxCrossEntropy', 'target -0.5 at [1,1] is not a probability (expected ≥ 0)'),
    );
    expect(() => softmaxCrossEntropy(z, tensor([[1, 0], [1, 1]]))).toThrow(
      new ValueError('softmaxCrossEntropy', 'target row 1 sums to 2, expected 1 (one-hot or probabilities)'),
    );
  });

  it('refuses logits that are not [N, C] or not float', () => {
    expect(() => softmaxCrossEntropy(tensor([0, 0]), labels([0]))).toThrow(
      new ShapeError('softmaxCrossEntropy', 'expected logits of shape [N, C], got [2]'),
    );
    expect(() => softmaxCrossEntropy(tensor([[0, 0]], undefined, 'int32'), labels([0]))).toThrow(
      new DTypeError('softmaxCrossEntropy', 'expected a float32 or float64 prediction (logits), got int32'),
    );
  });
});
