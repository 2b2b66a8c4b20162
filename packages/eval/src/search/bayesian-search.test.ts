import { describe, expect, it } from 'vitest';
import { ValueError } from '@nn/tensor';
import { BRANIN_MIN, HARTMANN6_MIN, branin, braninSpace, hartmann6, hartmann6Space } from './benchmark-functions';
import { bayesianSearch } from './bayesian-search';
import { inProcessExecutor } from './executor';
import { randomSearch } from './random-search';
import { choice, intRange, logUniform } from './search-space';

const SEEDS = 10;
const TRIALS = 30;
/** Light settings so that 10 searches per function stay fast; the README table uses the defaults. */
const LIGHT = { restarts: 0, candidates: 300 } as const;

describe('benchmark functions', () => {
  it('have their published minima', () => {
    expect(branin({ x1: Math.PI, x2: 2.275 })).toBeCloseTo(BRANIN_MIN, 5);
    expect(branin({ x1: -Math.PI, x2: 12.275 })).toBeCloseTo(BRANIN_MIN, 5);
    expect(hartmann6({ x1: 0.20169, x2: 0.150011, x3: 0.476874, x4: 0.275332, x5: 0.311652, x6: 0.6573 })).toBeCloseTo(HARTMANN6_MIN, 4);
  });
});

describe('bayesianSearch', () => {
  for (const [name, f, space] of [['Branin', branin, braninSpace], ['Hartmann-6', hartmann6, hartmann6Space]] as const) {
    it(`beats random search on ${name} on average over ${SEEDS} seeds with ${TRIALS} evaluations`, async () => {
      let gp = 0;
      let rs = 0;
      for (let seed = 0; seed < SEEDS; seed++) {
        gp += (await bayesianSearch({ space, objective: f as (p: unknown) => number, trials: TRIALS, seed, ...LIGHT })).best!.score!;
        rs += (await randomSearch({ space, objective: f as (p: unknown) => number, trials: TRIALS, seed })).best!.score!;
      }
      expect(gp / SEEDS).toBeLessThan(rs / SEEDS);
    }, 60_000);
  }

  it('gets within 0.1 of the Branin minimum in 30 evaluations', async () => {
    const r = await bayesianSearch({ space: braninSpace, objective: branin, trials: TRIALS, seed: 11, ...LIGHT });
    expect(r.best!.score! - BRANIN_MIN).toBeLessThan(0.1);
  });

  it('handles log, integer and categorical parameters and is reproducible by seed', async () => {
    const space = { lr: logUniform(1e-4, 1), units: intRange(8, 256, { log: true }), act: choice(['relu', 'tanh', 'sigmoid']) };
    // minimum at lr = 1e-2, units = 64, act = 'tanh'
    const objective = ({ lr, units, act }: { lr: number; units: number; act: string }) =>
      (Math.log10(lr) + 2) ** 2 + Math.log2(units / 64) ** 2 + (act === 'tanh' ? 0 : 1);
    const a = await bayesianSearch({ space, objective, trials: 20, seed: 3, ...LIGHT });
    const b = await bayesianSearch({ space, objective, trials: 20, seed: 3, ...LIGHT });
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    expect(a.best!.params.act).toBe('tanh');
    expect(a.best!.score!).toBeLessThan(0.5);
    for (const t of a.trials) expect(Number.isInteger(t.params.units)).toBe(true);
  });

  it('steers away from failing regions and proposes batches (kriging believer)', async () => {
    const objective = ({ x1, x2 }: { x1: number; x2: number }) => (x1 > 5 ? NaN : branin({ x1, x2 }));
    const r = await bayesianSearch({ space: braninSpace, executor: inProcessExecutor(objective, { concurrency: 3 }), trials: 21, seed: 2, ...LIGHT });
    expect(r.trials).toHaveLength(21);
    const late = r.trials.slice(10);
    expect(late.filter((t) => t.status === 'failed').length).toBeLessThan(late.length / 2);
    // the three points of a batch differ
    const batch = r.trials.slice(6, 9).map((t) => JSON.stringify(t.params));
    expect(new Set(batch).size).toBe(3);
  });

  it('refuses bad options', async () => {
    await expect(bayesianSearch({ space: braninSpace, objective: branin, trials: 5, candidates: 0 })).rejects.toThrow(
      new ValueError('bayesianSearch', 'candidates must be a positive integer, got 0'),
    );
  });
});
