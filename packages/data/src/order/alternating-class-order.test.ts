import { describe, expect, it } from 'vitest';
import { createRng, tensor } from '@nn/tensor';
import { alternatingClassOrder } from './alternating-class-order';

function neighbours(labels: number[], seed: number): { pairs: number; sorted: number[] } {
  const y = tensor(labels, [labels.length], 'int32');
  const idx = alternatingClassOrder().indices(1, createRng(seed), { n: labels.length, y, batchSize: 8 });
  let pairs = 0;
  for (let k = 1; k < idx.length; k++) if (labels[idx[k]] === labels[idx[k - 1]]) pairs++;
  return { pairs, sorted: Array.from(idx).sort((a, b) => a - b) };
}

describe('alternatingClassOrder', () => {
  it('never puts two samples of a class side by side when the counts allow it', () => {
    // 30, 20, 10 of three classes: n_max = 30 ≤ N − n_max + 1 = 31, so 0 neighbours are possible
    const labels = [...Array(30).fill(0), ...Array(20).fill(1), ...Array(10).fill(2)];
    for (let seed = 0; seed < 20; seed++) {
      const { pairs, sorted } = neighbours(labels, seed);
      expect(pairs).toBe(0);
      expect(sorted).toEqual(labels.map((_, i) => i));
    }
  });

  it('leaves only the unavoidable neighbours of a majority class', () => {
    // 40 of class 0, 10 of class 1: at best 0 1 0 1 … uses 11 zeros; 2·40 − 50 − 1 = 29 pairs remain
    const labels = [...Array(40).fill(0), ...Array(10).fill(1)];
    for (let seed = 0; seed < 5; seed++) expect(neighbours(labels, seed).pairs).toBe(29);
  });

  it('is random: different seeds, different orders', () => {
    const labels = [...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)];
    const y = tensor(labels, [30], 'int32');
    const a = alternatingClassOrder().indices(1, createRng(1), { n: 30, y, batchSize: 5 });
    const b = alternatingClassOrder().indices(1, createRng(2), { n: 30, y, batchSize: 5 });
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});
