import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { gridSearch, gridValues } from './grid-search';
import { choice, intRange, logUniform, uniform } from './search-space';

describe('gridValues', () => {
  it('spaces values evenly on each parameter scale, bounds included', () => {
    expect(gridValues(uniform(0, 1), 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const lr = gridValues(logUniform(1e-4, 1), 5) as number[];
    [1e-4, 1e-3, 1e-2, 1e-1, 1].forEach((v, i) => expect(lr[i]).toBeCloseTo(v, 12));
    expect(gridValues(choice(['a', 'b', 'c']), 2)).toEqual(['a', 'b', 'c']);
    // a short integer range gives each integer once
    expect(gridValues(intRange(1, 3), 10)).toEqual([1, 2, 3]);
    expect(gridValues(intRange(0, 10), 3)).toEqual([0, 5, 10]);
  });
});

describe('gridSearch', () => {
  it('evaluates the Cartesian product, the last parameter fastest', async () => {
    const r = await gridSearch({
      space: { a: uniform(0, 1), act: choice(['relu', 'tanh']) },
      points: 2,
      objective: ({ a, act }) => a + (act === 'tanh' ? 10 : 0),
    });
    expect(r.trials.map((t) => t.params)).toEqual([
      { a: 0, act: 'relu' }, { a: 0, act: 'tanh' }, { a: 1, act: 'relu' }, { a: 1, act: 'tanh' },
    ]);
    expect(r.best?.params).toEqual({ a: 0, act: 'relu' });
  });

  it('takes a count per parameter', async () => {
    const r = await gridSearch({ space: { a: uniform(0, 1), b: uniform(0, 1) }, points: { a: 3, b: 1 }, objective: ({ a }) => a });
    expect(r.trials.map((t) => t.params)).toEqual([{ a: 0, b: 0.5 }, { a: 0.5, b: 0.5 }, { a: 1, b: 0.5 }]);
  });

  it('refuses a non-positive count', async () => {
    await expect(gridSearch({ space: { a: uniform(0, 1) }, points: 0, objective: () => 0 })).rejects.toThrow(
      new ValueError('gridSearch', "points for 'a' must be a positive integer, got 0"),
    );
  });
});
