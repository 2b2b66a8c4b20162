import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, createRng, fromTypedArray, randn, sum, tensor } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { expectGradClose } from '@nn/tensor/testing';
import { loadIris } from '../datasets/load-iris';
import { pca } from './pca';
import { preprocessorFromJSON } from './preprocessor-from-json';

/** The sample covariance (÷ (N − 1)) of the columns of z [N, K], as K×K nested arrays. */
function covariance(z: Tensor): number[][] {
  const [n, k] = z.shape;
  const v = z.dataSync();
  const mean = Array.from({ length: k }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += v[i * k + j]; return s / n; });
  return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (v[i * k + a] - mean[a]) * (v[i * k + b] - mean[b]);
    return s / (n - 1);
  }));
}
const identity = (k: number) => Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (a === b ? 1 : 0)));

/** Correlated Gaussian samples: x = g·A with a fixed mixing matrix A, float64. */
function correlated(n: number, seed: number): Tensor {
  const g = randn([n, 3], { rng: createRng(seed), dtype: 'float64' }).dataSync();
  const a = [[2, 0.5, 0], [0, 1, 0.3], [1, 0, 0.2]];
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) for (let m = 0; m < 3; m++) x[i * 3 + j] += g[i * 3 + m] * a[m][j];
  return fromTypedArray(x, [n, 3], 'float64');
}

describe('pca', () => {
  const iris = loadIris({ dtype: 'float64' });

  it("agrees with a textbook PCA of Iris, up to the components' signs", () => {
    // numpy once, by hand: w, v = np.linalg.eigh(np.cov(x.T)) on iris.csv's 4 features (÷ (N − 1)):
    // eigenvalues 4.228241706, 0.2426707479, 0.0782095, 0.023835093 (descending), and the axes
    const axes = [
      [-0.3613865918, 0.0845225141, -0.8566706059, -0.3582891972],
      [0.6565887713, 0.7301614348, -0.1733726628, -0.0754810199],
      [0.5820298513, -0.5979108301, -0.0762360758, -0.545831432],
      [0.3154871929, -0.3197231037, -0.479838987, 0.7536574253],
    ];
    const fitted = pca().fit(iris);
    expect(fitted.state.explainedVariance).toBeAllClose([4.228241706, 0.2426707479, 0.0782095, 0.023835093], { rtol: 1e-8 });
    const w = fitted.state.components;
    axes.forEach((axis, j) => {
      const ours = axis.map((_, a) => w[a * 4 + j]);
      const sign = Math.sign(ours[0] * axis[0]);
      expect(ours.map((v) => v * sign)).toBeAllClose(axis, { atol: 1e-8 });
    });
    // the first sample's scores from numpy, (x₀ − mean)·V: 2.684126, 0.319397, 0.027915, 0.002262, up to sign
    const z0 = Array.from(fitted.transform(iris.x).dataSync().subarray(0, 4)).map(Math.abs);
    expect(z0).toBeAllClose([2.684125626, 0.31939724659, 0.027914827589, 0.0022624370713], { atol: 1e-8 });
  });

  it('keeps the fewest components that reach the stated explained variance', () => {
    // Iris' cumulative ratios: 0.9246, 0.9777, 0.9948, 1 → 0.95 needs 2 components, 0.99 needs 3
    const two = pca({ varianceRatio: 0.95 }).fit(iris);
    expect(two.state.explainedVariance).toHaveLength(2);
    expect(two.state.explainedVarianceRatio).toBeAllClose([0.9246187232, 0.05306648], { atol: 1e-7 });
    expect(two.state.explainedVarianceRatio.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(0.95);
    expect(pca({ varianceRatio: 0.99 }).fit(iris).transform(iris.x).shape).toEqual([150, 3]);
    expect(pca({ varianceRatio: 0.92 }).fit(iris).transform(iris.x).shape).toEqual([150, 1]);
    expect(pca({ varianceRatio: 1 }).fit(iris).transform(iris.x).shape).toEqual([150, 4]);
  });

  it('whitened, gives the training set an identity covariance', () => {
    const x = correlated(400, 1);
    const z = pca({ whiten: true, epsilon: 0 }).fit(x).transform(x);
    expect(covariance(z)).toBeAllClose(identity(3), { atol: 1e-10 });
    const dropped = pca({ whiten: true, components: 2, epsilon: 0 }).fit(x).transform(x);
    expect(covariance(dropped)).toBeAllClose(identity(2), { atol: 1e-10 });
  });

  it('decorrelates: the covariance of the scores is diag(λ)', () => {
    const x = correlated(300, 2);
    const fitted = pca().fit(x);
    const c = covariance(fitted.transform(x));
    const l = fitted.state.explainedVariance;
    expect(c).toBeAllClose([[l[0], 0, 0], [0, l[1], 0], [0, 0, l[2]]], { atol: 1e-10 });
  });

  it('round-trips through inverseTransform when no component is dropped, whitened or not, images too', () => {
    const x = correlated(50, 3);
    expect(pca().fit(x).inverseTransform(pca().fit(x).transform(x))).toBeAllClose(x, { atol: 1e-10 });
    const w = pca({ whiten: true }).fit(x);
    expect(w.inverseTransform(w.transform(x))).toBeAllClose(x, { atol: 1e-10 });
    const images = randn([20, 1, 2, 2], { rng: createRng(4), dtype: 'float64' });
    const p = pca().fit(images);
    expect(p.transform(images).shape).toEqual([20, 4]);
    const back = p.inverseTransform(p.transform(images));
    expect(back.shape).toEqual([20, 1, 2, 2]);
    expect(back).toBeAllClose(images, { atol: 1e-10 });
  });

  it('reconstructs from fewer components with the error of the dropped variance', () => {
    // mean squared reconstruction error per sample, ×N/(N − 1), equals the sum of the dropped eigenvalues
    const fitted = pca({ components: 2 }).fit(iris);
    const back = fitted.inverseTransform(fitted.transform(iris.x)).dataSync();
    const x = iris.x.dataSync();
    let sse = 0;
    for (let i = 0; i < x.length; i++) sse += (x[i] - back[i]) ** 2;
    expect(sse / 149).toBeCloseTo(0.0782095 + 0.023835093, 8);
  });

  it('survives a JSON round trip and keeps its map', () => {
    const fitted = pca({ components: 2, whiten: true }).fit(iris);
    const again = preprocessorFromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(again.transform(iris.x)).toBeAllClose(fitted.transform(iris.x), { atol: 1e-12 });
    expect(again.inverseTransform(tensor([[1, -1]], [1, 2], 'float64'))).toBeAllClose(fitted.inverseTransform(tensor([[1, -1]], [1, 2], 'float64')));
  });

  it('works on float32 data and leaves its input alone', () => {
    const x32 = loadIris();
    const before = Array.from(x32.x.dataSync());
    const z = pca({ components: 2 }).fit(x32).transform(x32);
    expect(z.x.dtype).toBe('float32');
    expect(z.y).toBe(x32.y);
    expect(Array.from(x32.x.dataSync())).toEqual(before);
  });

  it('has the analytic gradient through transform', () => {
    const x = correlated(10, 5);
    const fitted = pca({ components: 2, whiten: true }).fit(x);
    expectGradClose((p: { x: Tensor }) => sum(fitted.transform(p.x)), { x });
    expectGradClose((p: { z: Tensor }) => sum(fitted.inverseTransform(p.z)), { z: fitted.transform(x) });
  });

  it('refuses more components than features, bad options and bad input', () => {
    expect(() => pca({ components: 5 }).fit(iris)).toThrow(ValueError);
    expect(() => pca({ components: 5 }).fit(iris)).toThrow('pca.fit: asked for 5 components but the samples have only 4 features');
    expect(() => pca({ components: 0 })).toThrow('pca: components must be a positive integer, got 0');
    expect(() => pca({ varianceRatio: 1.5 })).toThrow('pca: varianceRatio must be in (0, 1], got 1.5');
    expect(() => pca({ components: 2, varianceRatio: 0.9 })).toThrow(ValueError);
    expect(() => pca().fit(tensor([[1, 2]]))).toThrow('pca.fit: needs at least 2 samples for a covariance, got 1');
    expect(() => pca().fit(tensor([1, 2], [2], 'int32'))).toThrow(DTypeError);
    expect(() => pca().fit(iris).transform(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => pca().fit(iris).transform(tensor([[1, 2, 3]]))).toThrow('pca.transform: expected samples of shape [4], got x of shape [1,3]');
  });
});
