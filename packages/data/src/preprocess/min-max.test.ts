import { describe, expect, it } from 'vitest';
import { ValueError, sum, tensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { minMax } from './min-max';
import { preprocessorFromJSON } from './preprocessor-from-json';

// column 0: min 2, max 6; column 1: constant 5
const x = tensor([[2, 5], [4, 5], [6, 5]], [3, 2], 'float64');

describe('minMax', () => {
  it('maps each feature\'s training min and max to 0 and 1, a constant feature to 0', () => {
    const fitted = minMax().fit(x);
    expect(fitted.transform(x)).toBeAllClose([[0, 0], [0.5, 0], [1, 0]]);
    // new data may leave [0, 1]: 8 → (8 − 2) / 4 = 1.5
    expect(fitted.transform(tensor([[8, 7]], [1, 2], 'float64'))).toBeAllClose([[1.5, 0]]);
  });

  it('maps onto another range and inverts', () => {
    const fitted = minMax({ range: [-1, 1] }).fit(x);
    // −1 + (4 − 2)·2/4 = 0
    expect(fitted.transform(x)).toBeAllClose([[-1, -1], [0, -1], [1, -1]]);
    expect(fitted.inverseTransform(fitted.transform(x))).toBeAllClose(x, { atol: 1e-12 });
  });

  it('survives a JSON round trip and has the analytic gradient', () => {
    const fitted = minMax({ range: [0, 2] }).fit(x);
    const again = preprocessorFromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(again.config).toEqual({ range: [0, 2] });
    expect(again.transform(x)).toBeAllClose(fitted.transform(x));
    expectGradClose((p: { x: Tensor }) => sum(fitted.transform(p.x)), { x });
  });

  it('refuses a bad range and non-finite samples', () => {
    expect(() => minMax({ range: [1, 0] })).toThrow(ValueError);
    expect(() => minMax({ range: [1, 0] })).toThrow('minMax: range must be [lo, hi] with finite lo < hi, got [1,0]');
    expect(() => minMax().fit(tensor([[1], [NaN]]))).toThrow('minMax.fit: x has NaN at sample 1, feature 0');
  });
});
