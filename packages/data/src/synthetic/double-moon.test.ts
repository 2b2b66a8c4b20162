import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import { doubleMoon } from './double-moon';

describe('doubleMoon', () => {
  it('puts the upper moon around (0, 0) and the lower around (r, −d), within r ± w/2', () => {
    const r = 10;
    const w = 6;
    const d = 1;
    const { x, y } = doubleMoon({ samples: 1000, radius: r, width: w, distance: d, rng: createRng(1), dtype: 'float64' });
    const xs = x.dataSync();
    const labels = y.dataSync();
    for (let i = 0; i < 1000; i++) {
      const c = labels[i];
      const [cx, cy] = c === 0 ? [0, 0] : [r, -d];
      const rho = Math.hypot(xs[2 * i] - cx, xs[2 * i + 1] - cy);
      expect(rho).toBeGreaterThanOrEqual(r - w / 2 - 1e-9);
      expect(rho).toBeLessThanOrEqual(r + w / 2 + 1e-9);
      // d > 0: the horizontal line y = −d/2 separates them (upper y ≥ 0, lower y ≤ −d)
      if (c === 0) expect(xs[2 * i + 1]).toBeGreaterThanOrEqual(-1e-9);
      else expect(xs[2 * i + 1]).toBeLessThanOrEqual(-d + 1e-9);
    }
    expect(Array.from(labels).filter((l) => l === 1)).toHaveLength(500);
  });

  it('overlaps vertically for a negative distance', () => {
    const { x, y } = doubleMoon({ samples: 2000, distance: -4, rng: createRng(2) });
    const xs = x.dataSync();
    const labels = y.dataSync();
    let lowestUpper = Infinity;
    let highestLower = -Infinity;
    for (let i = 0; i < 2000; i++) {
      if (labels[i] === 0) lowestUpper = Math.min(lowestUpper, xs[2 * i + 1]);
      else highestLower = Math.max(highestLower, xs[2 * i + 1]);
    }
    expect(highestLower).toBeGreaterThan(lowestUpper);
  });

  it('refuses a width beyond the diameter', () => {
    expect(() => doubleMoon({ samples: 10, radius: 2, width: 5, rng: createRng(0) })).toThrow(ValueError);
  });
});
