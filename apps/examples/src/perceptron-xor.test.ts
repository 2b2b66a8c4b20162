import { describe, expect, it } from 'vitest';
import { tensor } from '@nn/core';
import { perceptronXor } from './perceptron-xor';

describe('perceptronXor', () => {
  it('does not converge on XOR: every epoch makes a mistake', () => {
    const { raw } = perceptronXor({ maxEpochs: 50 });
    expect(raw.converged).toBe(false);
    expect(raw.epochs).toBe(50);
    expect(raw.mistakes.every((m) => m > 0)).toBe(true);
    expect(raw.message).toMatch(/^did not converge after 50 epochs \([1-4] of 4 samples still wrong\)$/);
  });

  it('converges once the product x₁·x₂ is an input', () => {
    const { withProduct } = perceptronXor();
    expect(withProduct.converged).toBe(true);
    const out = withProduct.predict(tensor([[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]]));
    expect(Array.from(out.dataSync())).toEqual([0, 1, 1, 0]);
  });
});
