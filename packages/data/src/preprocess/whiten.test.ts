import { describe, expect, it } from 'vitest';
import { loadIris } from '../datasets/load-iris';
import { whiten } from './whiten';

describe('whiten', () => {
  it('gives each component the variance λ / (λ + ε): 1 for ε = 0, slightly less for ε > 0', () => {
    const iris = loadIris({ dtype: 'float64' });
    const variances = (eps: number) => {
      const z = whiten({ epsilon: eps }).fit(iris).transform(iris.x).dataSync();
      return [0, 1, 2, 3].map((j) => {
        let s = 0;
        for (let i = 0; i < 150; i++) s += z[i * 4 + j] ** 2; // scores have mean 0 on the training set
        return s / 149;
      });
    };
    expect(variances(0)).toBeAllClose([1, 1, 1, 1], { atol: 1e-10 });
    // smallest Iris eigenvalue 0.023835093: 0.023835093 / (0.023835093 + 0.01) ≈ 0.704448
    expect(variances(0.01)[3]).toBeCloseTo(0.023835093 / 0.033835093, 8);
    expect(whiten({ components: 2 }).fit(iris).transform(iris.x).shape).toEqual([150, 2]);
  });
});
