import { describe, expect, it } from 'vitest';
import { ShapeError, sum, tensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { dataset } from '../dataset';
import { applyStandardizer, fitStandardizer } from '../standardize';
import { preprocessorFromJSON } from './preprocessor-from-json';
import { zScore } from './z-score';

// column 0: 1, 2, 3, 6 → mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5; column 1 constant 10 → std 1
const x = tensor([[1, 10], [2, 10], [3, 10], [6, 10]], [4, 2], 'float64');

describe('zScore', () => {
  it('maps x to (x − mean) / std with the training statistics, as applyStandardizer', () => {
    const fitted = zScore().fit(x);
    const s = Math.sqrt(3.5);
    expect(fitted.transform(x)).toBeAllClose([[-2 / s, 0], [-1 / s, 0], [0, 0], [3 / s, 0]]);
    expect(fitted.transform(x)).toBeAllClose(applyStandardizer(fitStandardizer(x), x));
    expect(fitted.state).toEqual({ featureShape: [2], mean: [3, 10], std: [s, 1] });
  });

  it('inverts, transforms Datasets and round-trips through JSON', () => {
    const fitted = zScore().fit(dataset(x, tensor([0, 1, 0, 1], [4], 'int32')));
    expect(fitted.inverseTransform(fitted.transform(x))).toBeAllClose(x, { atol: 1e-12 });
    const ds = fitted.transform(dataset(x, tensor([0, 1, 0, 1], [4], 'int32')));
    expect(ds.x.shape).toEqual([4, 2]);
    expect(Array.from(ds.y.dataSync())).toEqual([0, 1, 0, 1]);
    const again = preprocessorFromJSON(JSON.parse(JSON.stringify(fitted)));
    expect(again.transform(tensor([[3 + Math.sqrt(3.5), 12]], [1, 2], 'float64'))).toBeAllClose([[1, 2]]);
  });

  it('has the analytic gradient and refuses other feature shapes', () => {
    const fitted = zScore().fit(x);
    expectGradClose((p: { x: Tensor }) => sum(fitted.transform(p.x)), { x });
    expect(() => fitted.transform(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => fitted.transform(tensor([[1, 2, 3]]))).toThrow('zScore.transform: expected samples of shape [2], got x of shape [1,3]');
  });
});
