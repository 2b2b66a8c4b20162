import { describe, expect, it } from 'vitest';
import { type ConfirmedRecipe, INCUMBENT_RECIPE, SEARCH_BUDGET, chooseRecipe, decayPerEpoch, findConfirmed, parseConfirmLog } from './search';

describe('decayPerEpoch', () => {
  it('takes the rate to lr·ratio at the last epoch', () => {
    // 0.8 per epoch over 12 epochs: the last epoch runs at 0.8^11 ≈ 0.0859 of the first's rate.
    expect(decayPerEpoch(0.8 ** 11, 12)).toBeCloseTo(0.8, 12);
    expect(decayPerEpoch(0.25, 3)).toBeCloseTo(0.5, 12);
  });

  it('keeps the rate for a single epoch', () => {
    expect(decayPerEpoch(0.01, 1)).toBe(1);
  });
});

const recipe = (source: string, validationError: number): ConfirmedRecipe => ({
  source, validationError, seconds: 1,
  params: source === 'incumbent' ? INCUMBENT_RECIPE : { learningRate: 0.1, finalRateRatio: 0.1, momentum: 0.5, batchSize: 64 },
});

describe('chooseRecipe', () => {
  it('keeps the incumbent when the best is within the standard error of the difference', () => {
    // p = 0.98 % and 1.03 % on 10,000 digits: se = √(0.0098·0.9902/1e4 + 0.0103·0.9897/1e4) ≈ 0.142 %,
    // and the gap, 0.05 %, is smaller.
    const { chosen, reason } = chooseRecipe([recipe('trial 7', 0.0098), recipe('incumbent', 0.0103)], 10000);
    expect(chosen.source).toBe('incumbent');
    expect(reason).toMatch(/within the standard error of the difference \(0\.14 %/);
  });

  it('replaces the incumbent when the best is lower by more than the standard error', () => {
    // 0.70 % against 1.03 %: se ≈ √(0.007·0.993 + 0.0103·0.9897)/100 ≈ 0.131 % < 0.33 %.
    const { chosen } = chooseRecipe([recipe('incumbent', 0.0103), recipe('trial 2', 0.007)], 10000);
    expect(chosen.source).toBe('trial 2');
  });

  it('takes the lowest error when there is no incumbent to keep', () => {
    expect(chooseRecipe([recipe('trial 1', 0.02), recipe('trial 2', 0.01)], 500).chosen.source).toBe('trial 2');
  });

  it('refuses an empty list', () => {
    expect(() => chooseRecipe([], 10)).toThrow(/chooseRecipe: no confirmed recipe/);
  });
});

describe('parseConfirmLog', () => {
  it('reads one recipe a line and skips a torn last line', () => {
    const entry = { ...recipe('incumbent', 0.0103), seed: 1, budget: { trainSamples: 50000, validationSamples: 10000, epochs: 12, candidates: 3 } };
    const line = JSON.stringify(entry);
    expect(parseConfirmLog(`${line}\n${line.slice(0, 20)}`)).toEqual([entry]);
  });
});

describe('findConfirmed', () => {
  it('reuses a logged confirmation only for the same recipe, seed and budget', () => {
    const entry = { ...recipe('incumbent', 0.0103), seed: 1, budget: SEARCH_BUDGET.confirm };
    const wanted = { source: 'incumbent', params: INCUMBENT_RECIPE, seed: 1, budget: SEARCH_BUDGET.confirm };
    expect(findConfirmed([entry], wanted)).toBe(entry);
    expect(findConfirmed([entry], { ...wanted, seed: 2 })).toBeUndefined();
    expect(findConfirmed([entry], { ...wanted, budget: { ...SEARCH_BUDGET.confirm, epochs: 1 } })).toBeUndefined();
    expect(findConfirmed([entry], { ...wanted, params: { ...INCUMBENT_RECIPE, momentum: 0.5 } })).toBeUndefined();
  });
});
