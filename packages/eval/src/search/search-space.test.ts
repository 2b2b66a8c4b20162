import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import {
  type ParamsOf, checkSpace, choice, decodeParams, encodeParams, encodedSize, fromUnit, intRange, isPointOf, logUniform, sampleParams, toUnit, uniform,
} from './search-space';

const space = { lr: logUniform(1e-4, 1), units: intRange(8, 256), act: choice(['relu', 'tanh']), momentum: uniform(0, 0.99) };

describe('search space factories', () => {
  it('types the values a space gives', () => {
    const p: ParamsOf<typeof space> = { lr: 0.1, units: 64, act: 'tanh', momentum: 0.9 };
    // @ts-expect-error 'sigmoid' is not an option
    const bad: ParamsOf<typeof space> = { lr: 0.1, units: 64, act: 'sigmoid', momentum: 0.9 };
    expect(isPointOf(space, p)).toBe(true);
    expect(isPointOf(space, bad)).toBe(false);
  });

  it('refuses empty ranges, non-positive log bounds and empty choices', () => {
    expect(() => uniform(1, 1)).toThrow(new ValueError('uniform', 'empty range: expected lo < hi, got [1, 1] (use choice([v]) for a constant)'));
    expect(() => uniform(2, 1)).toThrow(ValueError);
    expect(() => logUniform(0, 1)).toThrow(new ValueError('logUniform', 'expected positive bounds for a log scale, got [0, 1]'));
    expect(() => logUniform(-1, 1)).toThrow(ValueError);
    expect(() => intRange(8, 8)).toThrow(ValueError);
    expect(() => intRange(1.5, 8)).toThrow(new ValueError('intRange', 'expected integer bounds, got [1.5, 8]'));
    expect(() => intRange(0, 8, { log: true })).toThrow(ValueError);
    expect(() => choice([])).toThrow(new ValueError('choice', 'expected at least one option, got none'));
    expect(() => choice(['a', 'a'])).toThrow(new ValueError('choice', 'option "a" appears twice'));
    expect(() => uniform(0, Infinity)).toThrow(ValueError);
  });

  it('checks spaces built by hand, naming the bad parameter', () => {
    expect(() => checkSpace('randomSearch', { lr: { kind: 'logUniform', lo: 0, hi: 1 } })).toThrow(
      new ValueError('randomSearch', "parameter 'lr': logUniform: expected positive bounds for a log scale, got [0, 1]"),
    );
    expect(() => checkSpace('randomSearch', {})).toThrow(new ValueError('randomSearch', 'the search space has no parameters'));
    expect(checkSpace('randomSearch', space)).toEqual(['lr', 'units', 'act', 'momentum']);
  });
});

describe('unit-cube encoding', () => {
  it('maps log parameters on the log scale', () => {
    // ln(1e-2 / 1e-4) / ln(1 / 1e-4) = 2/4
    expect(toUnit(space.lr, 1e-2)).toBeCloseTo(0.5, 12);
    expect(fromUnit(space.lr, 0.25)).toBeCloseTo(1e-3, 12);
    expect(fromUnit(space.lr, 0)).toBe(1e-4);
    expect(fromUnit(space.lr, 1)).toBe(1);
  });

  it('gives each integer an equal cell of the unit interval', () => {
    const p = intRange(0, 3); // cells [0, ¼), [¼, ½), [½, ¾), [¾, 1]
    expect([0.1, 0.3, 0.6, 0.9, 1].map((u) => fromUnit(p, u))).toEqual([0, 1, 2, 3, 3]);
    expect(toUnit(p, 2)).toBe(0.625);
    const counts = [0, 0, 0, 0];
    const rng = createRng(1);
    for (let i = 0; i < 4000; i++) counts[fromUnit(p, rng.uniform()) as number]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });

  it('one-hot encodes choices and round-trips every point', () => {
    expect(encodedSize(space)).toBe(5);
    const p = { lr: 1e-2, units: 64, act: 'tanh', momentum: 0.5 };
    const x = encodeParams(space, p);
    expect(Array.from(x.slice(2, 4))).toEqual([0, 1]);
    expect(decodeParams(space, x)).toEqual({ ...p, lr: expect.closeTo(1e-2, 12) as unknown as number, momentum: expect.closeTo(0.5, 12) as unknown as number });
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const q = sampleParams(space, rng);
      expect(isPointOf(space, q)).toBe(true);
      const back = decodeParams(space, encodeParams(space, q));
      expect(back.units).toBe(q.units);
      expect(back.act).toBe(q.act);
      expect(back.lr).toBeCloseTo(q.lr, 10);
    }
  });

  it('samples log-uniformly: each decade of lr equally often', () => {
    const rng = createRng(5);
    const decades = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) decades[Math.floor(-Math.log10(sampleParams(space, rng).lr))]++;
    // P(decade) = ¼ each; binomial std √(4000·¼·¾) ≈ 27
    for (const c of decades) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });
});
