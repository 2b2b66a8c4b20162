import { describe, expect, it } from 'vitest';
import { createRng, randn, treeLeaves } from '@nn/core';
import { VARIANTS, overheadNotes } from './w9-regularizer-cost';

describe('VARIANTS', () => {
  it('puts the plain network first, and every variant has its weights and outputs 10 logits', () => {
    expect(VARIANTS[0].name).toBe('plain');
    const x = randn([3, 784], { rng: createRng(1) });
    for (const v of VARIANTS) {
      const model = v.make(1);
      // the same W2 weights: 784·256 + 256 + 256·10 + 10
      expect(treeLeaves(model.params).reduce((n, t) => n + t.size, 0)).toBe(203_530);
      expect(model.forward(x, { training: true, rng: createRng(2) }).shape).toEqual([3, 10]);
    }
  });
});

describe('overheadNotes', () => {
  it("gives each step's ms and its extra over the plain network's", () => {
    // 2.2 / 2.0 = +10 %; 1.9 / 2.0 = −5 %
    expect(overheadNotes([2, 2.2, 1.9, undefined])).toEqual(['2.00 ms/step', '2.20 ms/step, +10.0 % over plain', '1.90 ms/step, −5.0 % over plain', '']);
  });
});
