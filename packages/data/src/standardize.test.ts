import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, tensor, zeros } from '@nn/tensor';
import { dataset } from './dataset';
import { applyStandardizer, fitStandardizer, standardize } from './standardize';

// column 0: 1, 2, 3, 6 → mean 3, deviations −2, −1, 0, 3, variance (4 + 1 + 0 + 9) / 4 = 3.5
// column 1: 10, 10, 10, 10 → constant: mean 10, std 1
// column 2: −1, 1, −1, 1 → mean 0, variance 1
const x = tensor([[1, 10, -1], [2, 10, 1], [3, 10, -1], [6, 10, 1]], [4, 3], 'float64');

describe('fitStandardizer', () => {
  it('takes the mean and population std of each feature over the samples', () => {
    const { mean, std } = fitStandardizer(x);
    expect(mean.shape).toEqual([3]);
    expect(mean.dtype).toBe('float64');
    expect(mean).toBeAllClose([3, 10, 0]);
    expect(std).toBeAllClose([Math.sqrt(3.5), 1, 1]);
  });

  it('gives std 1 to a constant feature even when its mean rounds', () => {
    // three float32 copies of 0.1: the float64 mean is not exactly the value, yet std is exactly 1
    const { std } = fitStandardizer(tensor([[0.1], [0.1], [0.1]]));
    expect(std.dataSync()[0]).toBe(1);
  });

  it('keeps the feature shape of images and the dtype of x', () => {
    const images = tensor([0, 2, 4, 6, 2, 2, 4, 10], [2, 1, 2, 2]); // 2 images of 1 × 2 × 2
    const { mean, std } = fitStandardizer(images);
    expect(mean.shape).toEqual([1, 2, 2]);
    expect(mean.dtype).toBe('float32');
    expect(mean).toBeAllClose([[[1, 2], [4, 8]]]);
    expect(std).toBeAllClose([[[1, 1], [1, 2]]]); // pixel (0, 1) is 2 in both images: constant
  });

  it('refuses int32, empty and non-finite input', () => {
    expect(() => fitStandardizer(tensor([[1]], [1, 1], 'int32'))).toThrow(DTypeError);
    expect(() => fitStandardizer(zeros([0, 3]))).toThrow('fitStandardizer: expected at least one sample along axis 0, got shape [0,3]');
    expect(() => fitStandardizer(tensor([[1, 2], [3, NaN]]))).toThrow(ValueError);
    expect(() => fitStandardizer(tensor([[1, 2], [3, NaN]]))).toThrow('fitStandardizer: x has NaN at sample 1, feature 1');
  });
});

describe('applyStandardizer', () => {
  it('maps x to (x − mean) / std', () => {
    const z = applyStandardizer(fitStandardizer(x), x);
    const s = Math.sqrt(3.5);
    expect(z).toBeAllClose([[-2 / s, 0, -1], [-1 / s, 0, 1], [0, 0, -1], [3 / s, 0, 1]]);
  });

  it('uses the training statistics on other data', () => {
    const z = applyStandardizer(fitStandardizer(x), tensor([[3 + Math.sqrt(3.5), 12, 0.5]], [1, 3], 'float64'));
    expect(z).toBeAllClose([[1, 2, 0.5]]);
  });

  it('refuses other feature shapes and dtypes', () => {
    const s = fitStandardizer(x);
    expect(() => applyStandardizer(s, zeros([2, 4], 'float64'))).toThrow(ShapeError);
    expect(() => applyStandardizer(s, zeros([2, 4], 'float64'))).toThrow(
      'applyStandardizer: the standardizer was fit on samples of shape [3], got x of shape [2,4]',
    );
    expect(() => applyStandardizer(s, zeros([2, 3]))).toThrow('applyStandardizer: the standardizer holds float64 statistics, got float32 x');
  });
});

describe('standardize', () => {
  it('fits on the first set and transforms every set, tensors or datasets', () => {
    const train = dataset(x, tensor([0, 1, 0, 1], [4], 'int32'));
    const test = tensor([[3, 10, 2]], [1, 3], 'float64');
    const { sets: [trainZ, testZ], standardizer } = standardize(train, test);
    expect(standardizer.mean).toBeAllClose([3, 10, 0]);
    expect(trainZ.y).toBe(train.y);
    expect(trainZ.x).toBeAllClose(applyStandardizer(standardizer, x));
    expect(testZ).toBeAllClose([[0, 0, 2]]);
  });

  it('keeps the mean of the standardized training set at 0 and its std at 1', () => {
    const { sets: [z] } = standardize(x);
    const { mean, std } = fitStandardizer(z);
    expect(mean).toBeAllClose([0, 0, 0], { atol: 1e-12 });
    expect(std).toBeAllClose([1, 1, 1]); // the constant column maps to 0, whose std is again taken as 1
  });
});
