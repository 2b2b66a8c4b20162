import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import { linearlySeparable } from './linearly-separable';

describe('linearlySeparable', () => {
  it('labels by the side of its plane and keeps every sample at least the margin away', () => {
    const { x, y, w, b } = linearlySeparable({ samples: 500, features: 3, margin: 0.2, rng: createRng(4), dtype: 'float64' });
    expect(Math.hypot(...w)).toBeCloseTo(1, 12);
    const xs = x.dataSync();
    const labels = y.dataSync();
    for (let i = 0; i < 500; i++) {
      const s = b + w[0] * xs[3 * i] + w[1] * xs[3 * i + 1] + w[2] * xs[3 * i + 2];
      expect(Math.abs(s)).toBeGreaterThanOrEqual(0.2);
      expect(labels[i]).toBe(s > 0 ? 1 : 0);
      for (let j = 0; j < 3; j++) expect(Math.abs(xs[3 * i + j])).toBeLessThanOrEqual(1);
    }
    const ones = Array.from(labels).filter((l) => l === 1).length;
    expect(ones).toBeGreaterThan(50);
    expect(ones).toBeLessThan(450);
  });

  it('refuses a margin outside [0, 1)', () => {
    expect(() => linearlySeparable({ samples: 5, margin: 1, rng: createRng(0) })).toThrow(ValueError);
    expect(() => linearlySeparable({ samples: 5, margin: 1, rng: createRng(0) })).toThrow('linearlySeparable: margin must be in [0, 1), got 1');
  });
});
