import { describe, expect, it } from 'vitest';
import { createRng } from '@nn/core';
import { QUICK, addingProblem, sineForecast, trainAdding } from './sequences';

describe('addingProblem', () => {
  it('marks two steps, one among the first ten and one in the first half, and targets 0.5 + (X₁ + X₂)/4', () => {
    const { x, y } = addingProblem(50, 30, createRng(3));
    const xs = x.dataSync();
    const ys = y.dataSync();
    for (let s = 0; s < 50; s++) {
      const marked = Array.from({ length: 30 }, (_, t) => t).filter((t) => xs[(s * 30 + t) * 2 + 1] === 1);
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeLessThan(10);
      expect(marked[1]).toBeLessThan(15);
      expect(ys[s]).toBeCloseTo(0.5 + (xs[(s * 30 + marked[0]) * 2] + xs[(s * 30 + marked[1]) * 2]) / 4, 6);
      const values = Array.from({ length: 30 }, (_, t) => xs[(s * 30 + t) * 2]);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...values)).toBeLessThan(1);
    }
  });
});

describe('sequences (quick)', () => {
  it('an LSTM beats predicting the mean on the adding problem (T = 10) within 3 epochs', async () => {
    const r = await trainAdding('lstm', QUICK);
    expect(r.history.epochs).toHaveLength(3);
    expect(r.history.epochs[2].loss).toBeLessThan(r.history.epochs[0].loss);
    // predicting 0.5 scores Var((X₁ + X₂)/4) = 2·(1/3)/16 = 1/24 ≈ 0.0417
    expect(r.testMse).toBeLessThan(1 / 24);
  });

  it('forecasts a sine by feeding its predictions back, far better than holding the last value', async () => {
    const s = await sineForecast(QUICK);
    expect(s.forecast).toHaveLength(25);
    expect(s.truth[0]).toBeCloseTo(Math.sin((2 * Math.PI * 400) / 25), 12);
    expect(s.rmse).toBeLessThan(s.holdRmse / 2); // about 0.2 against 0.75 with seed 1
    expect(s.svg.startsWith('<svg')).toBe(true);
    expect(s.svg).toContain('forecast');
  });
});
