import { describe, expect, it } from 'vitest';
import { ValueError, createRng } from '@nn/tensor';
import { cafeteriaBills } from './cafeteria-bills';

describe('cafeteriaBills', () => {
  it('draws portions 1 … maxPortion item by item and totals them at the true prices', () => {
    const bills = cafeteriaBills({ samples: 50, rng: createRng(1), dtype: 'float64' });
    expect(bills.x.shape).toEqual([50, 3]);
    expect(bills.y.shape).toEqual([50, 1]);
    // the same draws as apps/examples' cafeteria loop: 1 + rng.int(4) for coffee, juice, toast in turn
    const rng = createRng(1);
    const portions = Array.from({ length: 150 }, () => 1 + rng.int(4));
    expect(Array.from(bills.x.dataSync())).toEqual(portions);
    const y = bills.y.dataSync();
    for (let i = 0; i < 50; i++) expect(y[i]).toBeCloseTo(0.5 * portions[3 * i] + 1.5 * portions[3 * i + 1] + 1.0 * portions[3 * i + 2], 12);
  });

  it('takes other prices and portion ranges', () => {
    const { x, y, prices } = cafeteriaBills({ samples: 20, prices: [2, 3], maxPortion: 2, rng: createRng(2) });
    expect(prices).toEqual([2, 3]);
    const xs = x.dataSync();
    for (let i = 0; i < 40; i++) expect([1, 2]).toContain(xs[i]);
    expect(y.dataSync()[0]).toBeCloseTo(2 * xs[0] + 3 * xs[1], 5);
    expect(() => cafeteriaBills({ samples: 2, maxPortion: 0, rng: createRng(0) })).toThrow(ValueError);
  });
});
