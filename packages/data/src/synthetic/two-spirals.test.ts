import { describe, expect, it } from 'vitest';
import { createRng } from '@nn/tensor';
import { twoSpirals } from './two-spirals';

describe('twoSpirals', () => {
  it('places each point at radius t and angle 2π·turns·t, class 1 turned by π', () => {
    const turns = 1.5;
    const { x, y } = twoSpirals({ samples: 400, turns, rng: createRng(3), dtype: 'float64' });
    const xs = x.dataSync();
    const labels = y.dataSync();
    for (let i = 0; i < 400; i++) {
      const t = Math.hypot(xs[2 * i], xs[2 * i + 1]);
      const sign = labels[i] === 0 ? 1 : -1;
      const phi = 2 * Math.PI * turns * t;
      expect(xs[2 * i]).toBeCloseTo(sign * t * Math.cos(phi), 9);
      expect(xs[2 * i + 1]).toBeCloseTo(sign * t * Math.sin(phi), 9);
      expect(t).toBeLessThanOrEqual(1);
    }
    expect(Array.from(labels).filter((l) => l === 0)).toHaveLength(200);
  });

  it('adds noise on request, reproducibly', () => {
    const a = twoSpirals({ samples: 10, noise: 0.1, rng: createRng(5) });
    const b = twoSpirals({ samples: 10, noise: 0.1, rng: createRng(5) });
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    expect(() => twoSpirals({ samples: 10, noise: -1, rng: createRng(5) })).toThrow('twoSpirals: noise must be a finite number ≥ 0, got -1');
  });
});
