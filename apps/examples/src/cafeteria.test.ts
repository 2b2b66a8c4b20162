import { describe, expect, it } from 'vitest';
import { cafeteriaFirstStep, learnCafeteriaPrices } from './cafeteria';

describe('cafeteriaFirstStep', () => {
  it('takes the delta-rule step of the course slide', () => {
    // y = 0.5·(5+2+3) = 5, t − y = 3.5, Δw = (1/35)·3.5·(5, 2, 3) = (0.5, 0.2, 0.3)
    expect(cafeteriaFirstStep()).toBeAllClose([1.0, 0.7, 0.8], { rtol: 1e-12 });
  });
});

describe('learnCafeteriaPrices', () => {
  it('learns the prices of coffee, juice and toast from bill totals', () => {
    const { guesses, finalResidual } = learnCafeteriaPrices();
    expect(guesses).toBeAllClose([0.5, 1.5, 1.0], { atol: 1e-6 });
    expect(finalResidual).toBeLessThan(1e-6);
  });

  it('reports every week and repeats exactly with the same seed', () => {
    const seen: number[] = [];
    const a = learnCafeteriaPrices({ weeks: 10, onWeek: (week) => seen.push(week) });
    const b = learnCafeteriaPrices({ weeks: 10 });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(a.guesses).toEqual(b.guesses);
    expect(learnCafeteriaPrices({ weeks: 10, seed: 2 }).guesses).not.toEqual(a.guesses);
  });
});
