import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import { concentricCircles } from './concentric-circles';

describe('concentricCircles', () => {
  it('puts class 0 on the unit circle and class 1 on the circle of radius factor', () => {
    const { x, y } = concentricCircles({ samples: 101, factor: 0.3, rng: createRng(1), dtype: 'float64' });
    const xs = x.dataSync();
    const labels = y.dataSync();
    for (let i = 0; i < 101; i++) expect(Math.hypot(xs[2 * i], xs[2 * i + 1])).toBeCloseTo(labels[i] === 0 ? 1 : 0.3, 12);
    expect(Array.from(labels).filter((l) => l === 0)).toHaveLength(51);
  });

  it('refuses a factor outside (0, 1)', () => {
    expect(() => concentricCircles({ samples: 4, factor: 1, rng: createRng(0) })).toThrow(ValueError);
    expect(() => concentricCircles({ samples: 4, factor: 1, rng: createRng(0) })).toThrow('concentricCircles: factor must be in (0, 1), got 1');
  });
});
