import { describe, expect, it } from 'vitest';
import { loadWine } from './load-wine';

describe('loadWine', () => {
  it('holds 178 wines of 13 measurements in classes of 59, 71 and 48', () => {
    const wine = loadWine({ dtype: 'float64' });
    expect(wine.x.shape).toEqual([178, 13]);
    expect(wine.featureNames).toHaveLength(13);
    expect(wine.featureNames[12]).toBe('proline');
    const y = Array.from(wine.y.dataSync());
    expect([0, 1, 2].map((c) => y.filter((l) => l === c).length)).toEqual([59, 71, 48]);
    // first row of wine_data.csv: 14.23,1.71,…,1065; alcohol sums to 2314.11 over the table (numpy)
    const x = wine.x.dataSync();
    expect(x[0]).toBe(14.23);
    expect(x[12]).toBe(1065);
    let alcohol = 0;
    for (let i = 0; i < 178; i++) alcohol += x[i * 13];
    expect(alcohol).toBeCloseTo(2314.11, 8);
  });
});
