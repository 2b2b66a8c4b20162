import { describe, expect, it } from 'vitest';
import { DTypeError } from '@nn/tensor';
import { loadIris } from './load-iris';

const columnSums = (x: ArrayLike<number>, f: number) =>
  Array.from({ length: f }, (_, j) => Array.from(x).reduce((s, v, k) => (k % f === j ? s + v : s), 0));

describe('loadIris', () => {
  it('holds 150 samples of 4 features and 50 of each class', () => {
    const iris = loadIris();
    expect(iris.x.shape).toEqual([150, 4]);
    expect(iris.x.dtype).toBe('float32');
    expect(iris.y.dtype).toBe('int32');
    const y = Array.from(iris.y.dataSync());
    expect([0, 1, 2].map((c) => y.filter((l) => l === c).length)).toEqual([50, 50, 50]);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.featureNames[2]).toBe('petal length (cm)');
  });

  it('has the values of the source file', () => {
    const { x } = loadIris({ dtype: 'float64' });
    // first row of iris.csv: 5.1,3.5,1.4,0.2; column sums (numpy over the csv): 876.5, 458.6, 563.7
    expect(Array.from(x.dataSync().subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    const sums = columnSums(x.dataSync(), 4);
    expect(sums[0]).toBeCloseTo(876.5, 9);
    expect(sums[1]).toBeCloseTo(458.6, 9);
    expect(sums[2]).toBeCloseTo(563.7, 9);
  });

  it('refuses another dtype', () => {
    expect(() => loadIris({ dtype: 'int32' as 'float32' })).toThrow(DTypeError);
    expect(() => loadIris({ dtype: 'int32' as 'float32' })).toThrow("loadIris: dtype must be 'float32' or 'float64', got int32");
  });
});
