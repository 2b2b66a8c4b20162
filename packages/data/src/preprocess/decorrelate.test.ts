import { describe, expect, it } from 'vitest';
import { createRng, randn, tensor } from '@nn/tensor';
import { decorrelate } from './decorrelate';

describe('decorrelate', () => {
  it('rotates onto the principal axes: scores uncorrelated, lengths kept, nothing dropped', () => {
    // x = [g, g + small noise]: strongly correlated; a rotation keeps each centred sample's length
    const g = randn([200, 1], { rng: createRng(1), dtype: 'float64' }).dataSync();
    const e = randn([200, 1], { rng: createRng(2), dtype: 'float64' }).dataSync();
    const rows = Array.from(g, (v, i) => [v, v + 0.1 * e[i]]);
    const x = tensor(rows, [200, 2], 'float64');
    const fitted = decorrelate().fit(x);
    const z = fitted.transform(x).dataSync();
    let cross = 0;
    for (let i = 0; i < 200; i++) cross += z[2 * i] * z[2 * i + 1];
    expect(Math.abs(cross / 199)).toBeLessThan(1e-12);
    expect(fitted.state.explainedVariance).toHaveLength(2);
    expect(fitted.inverseTransform(fitted.transform(x))).toBeAllClose(x, { atol: 1e-12 });
  });
});
