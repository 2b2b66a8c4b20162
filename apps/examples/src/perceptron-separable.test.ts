import { describe, expect, it } from 'vitest';
import { novikoffBound, perceptronSeparable, separableData } from './perceptron-separable';

describe('separableData', () => {
  it('keeps every point at least the margin away from the teacher line', () => {
    const { x, targets, teacher, margin } = separableData({ samples: 200, margin: 0.2, seed: 3 });
    const xs = x.dataSync();
    const ts = targets.dataSync();
    for (let i = 0; i < 200; i++) {
      const z = teacher.w[0] * xs[2 * i] + teacher.w[1] * xs[2 * i + 1] + teacher.b;
      expect(Math.abs(z)).toBeGreaterThanOrEqual(margin);
      expect(ts[i]).toBe(z > 0 ? 1 : 0);
    }
    expect(new Set(ts).size).toBe(2);
  });

  it('bounds the mistakes by (R/γ)²', () => {
    // R² ≤ 1 + 1 + 1 on [−1, 1]² augmented with 1; γ = 0.1/‖(0.6, −0.8, 0.2)‖ = 0.1/√1.04
    const bound = novikoffBound(separableData({ samples: 50, margin: 0.1 }));
    expect(bound).toBeGreaterThan(100);
    expect(bound).toBeLessThanOrEqual(3 * 104 + 1e-9);
  });
});

describe('perceptronSeparable', () => {
  it('converges to weights that classify every training point, within Novikoff’s bound', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const shuffle of [false, true]) {
        const { result, totalMistakes, bound, trainingErrors } = perceptronSeparable({ samples: 100, seed, shuffle });
        expect(result.converged).toBe(true);
        expect(result.message).toBe(`converged after ${result.epochs} epochs`);
        expect(result.mistakes.at(-1)).toBe(0);
        expect(trainingErrors).toBe(0);
        expect(totalMistakes).toBeGreaterThan(0);
        expect(totalMistakes).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('learns a line close to the teacher’s when the data pin it down', () => {
    const { result, data } = perceptronSeparable({ samples: 400, margin: 0.02, seed: 1 });
    const [w1, w2] = Array.from(result.weights.dataSync());
    const cosine = (w1 * data.teacher.w[0] + w2 * data.teacher.w[1]) / Math.hypot(w1, w2);
    expect(cosine).toBeGreaterThan(0.95);
  });
});
