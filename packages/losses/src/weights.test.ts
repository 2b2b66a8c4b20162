import { describe, expect, it } from 'vitest';
import { DTypeError, type Loss, NnError, ShapeError, type Tensor, ValueError, slice, tensor } from '@nn/tensor';
import { binaryCrossEntropy } from './binary-cross-entropy';
import { hinge } from './hinge';
import { meanSquaredError } from './mean-squared-error';
import { multiclassHinge } from './multiclass-hinge';
import { perceptronCriterion } from './perceptron-criterion';
import { softmaxCrossEntropy } from './softmax-cross-entropy';
import { sumSquaredError } from './sum-squared-error';

const labels = (values: number[]) => tensor(values, [values.length], 'int32');
/** The first sample of a batch, keeping the batch axis. */
const first = (x: Tensor) => slice(x, [0], [1]);

/** Every loss with a two-sample batch of its kind and whether it divides by the batch (mean) or not (sum). */
const cases: [string, Loss, () => [Tensor, Tensor], 'mean' | 'sum'][] = [
  ['sumSquaredError', sumSquaredError, () => [tensor([[1, 2], [3, 4]]), tensor([[0, 2], [1, 1]])], 'sum'],
  ['meanSquaredError', meanSquaredError, () => [tensor([[1, 2], [3, 4]]), tensor([[0, 2], [1, 1]])], 'mean'],
  ['binaryCrossEntropy', binaryCrossEntropy, () => [tensor([[0.5], [-2]]), tensor([[1], [0.3]])], 'mean'],
  ['softmaxCrossEntropy', softmaxCrossEntropy, () => [tensor([[0.5, -1, 2], [0, 1, 0]]), labels([1, 2])], 'mean'],
  ['perceptronCriterion', perceptronCriterion, () => [tensor([-0.5, 2]), tensor([1, -1])], 'mean'],
  ['hinge', hinge, () => [tensor([0.5, 2]), tensor([1, -1])], 'mean'],
  ['multiclassHinge', multiclassHinge, () => [tensor([[0.5, -1, 2], [0, 1, 0]]), labels([1, 2])], 'mean'],
];

describe.each(cases)('weights of %s', (name, loss, batch, reduction) => {
  it('of 1 give the unweighted loss', () => {
    const [y, t] = batch();
    expect(loss(y, t, tensor([1, 1])).item()).toBeCloseTo(loss(y, t).item(), 6);
  });

  it('scale each sample’s term and leave the divisor alone', () => {
    // weights [3, 0]: 3 × the first sample's term; a mean still divides by the whole batch (half of it)
    const [y, t] = batch();
    const alone = loss(first(y), first(t)).item();
    expect(loss(y, t, tensor([3, 0])).item()).toBeCloseTo(3 * alone * (reduction === 'mean' ? 0.5 : 1), 5);
  });

  it('must be one per sample', () => {
    const [y, t] = batch();
    expect(() => loss(y, t, tensor([1, 1, 1]))).toThrow(ShapeError);
    expect(() => loss(y, t, tensor([[1], [1]]))).toThrow(ShapeError);
  });

  it('must be finite and non-negative', () => {
    const [y, t] = batch();
    expect(() => loss(y, t, tensor([1, -1]))).toThrow(new ValueError(name, 'weight -1 at position 1 is not finite and non-negative'));
    expect(() => loss(y, t, tensor([NaN, 1]))).toThrow(ValueError);
    expect(() => loss(y, t, tensor([Infinity, 1]))).toThrow(ValueError);
  });

  it('must have the prediction’s dtype and be a tensor', () => {
    const [y, t] = batch();
    expect(() => loss(y, t, tensor([1, 1], [2], 'float64'))).toThrow(
      new DTypeError(name, "weights are float64 but prediction is float32; cast them with cast(weights, 'float32')"),
    );
    expect(() => loss(y, t, [1, 1] as unknown as Tensor)).toThrow(NnError);
  });
});

describe('weights', () => {
  it('name the expected shape in the error', () => {
    expect(() => meanSquaredError(tensor([[1, 2], [3, 4]]), tensor([[1, 2], [3, 4]]), tensor([1, 1, 1]))).toThrow(
      new ShapeError('meanSquaredError', 'weights must have shape [2] (one per sample), got [3] for a batch [2,2]'),
    );
  });

  it('need a batch axis', () => {
    expect(() => meanSquaredError(tensor(1), tensor(2), tensor([1]))).toThrow(
      new ShapeError('meanSquaredError', 'weights must have shape [N] (one per sample), got [1] for a batch []'),
    );
  });
});
