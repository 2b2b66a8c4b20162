import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { geneticSearch } from './genetic-search';
import { randomSearch } from './random-search';
import { choice, intRange, uniform } from './search-space';

const space = { x: uniform(-5, 5), y: uniform(-5, 5), k: intRange(0, 20), act: choice(['a', 'b', 'c']) };
/** Minimum 0 at x = 1, y = −2, k = 7, act = 'b'. */
const objective = ({ x, y, k, act }: { x: number; y: number; k: number; act: string }) =>
  (x - 1) ** 2 + (y + 2) ** 2 + ((k - 7) / 4) ** 2 + (act === 'b' ? 0 : 1);

describe('geneticSearch', () => {
  it('improves generation after generation and beats random search on a smooth bowl (10 seeds)', async () => {
    let ga = 0;
    let rs = 0;
    for (let seed = 0; seed < 10; seed++) {
      const g = await geneticSearch({ space, objective, trials: 100, population: 10, seed });
      const r = await randomSearch({ space, objective, trials: 100, seed });
      ga += g.best!.score!;
      rs += r.best!.score!;
      // selection moves the population: the last generation's median beats the random first one's
      const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
      expect(median(g.trials.slice(-9).map((t) => t.score!))).toBeLessThan(median(g.trials.slice(0, 10).map((t) => t.score!)));
    }
    expect(ga / 10).toBeLessThan(rs / 10);
  });

  it('keeps elites without evaluating them again: each generation after the first adds population − elites trials', async () => {
    const seen = new Set<string>();
    let repeats = 0;
    const r = await geneticSearch({
      space, trials: 28, population: 10, elites: 1, seed: 1, mutationRate: 1,
      objective: (p) => {
        const key = JSON.stringify(p);
        if (seen.has(key)) repeats++;
        seen.add(key);
        return objective(p);
      },
    });
    expect(r.trials).toHaveLength(28); // 10 + 9 + 9
    expect(repeats).toBe(0);
  });

  it('is reproducible by seed and sends failed trials to the back', async () => {
    const flaky = (p: { x: number; y: number; k: number; act: string }) => (p.x > 3 ? NaN : objective(p));
    const a = await geneticSearch({ space, objective: flaky, trials: 30, seed: 5 });
    const b = await geneticSearch({ space, objective: flaky, trials: 30, seed: 5 });
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    expect(a.trials.some((t) => t.status === 'failed')).toBe(true);
    expect(a.best!.params.x).toBeLessThanOrEqual(3);
  });

  it('refuses a population below 2 and elites that fill it', async () => {
    await expect(geneticSearch({ space, objective, trials: 10, population: 1 })).rejects.toThrow(
      new ValueError('geneticSearch', 'population must be an integer ≥ 2, got 1'),
    );
    await expect(geneticSearch({ space, objective, trials: 10, population: 4, elites: 4 })).rejects.toThrow(ValueError);
  });
});
