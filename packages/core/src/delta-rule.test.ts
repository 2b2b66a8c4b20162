import { describe, expect, it } from 'vitest';
import { tensor } from '@nn/tensor';
import { deltaRule } from './delta-rule';

const x = tensor([[5, 2, 3], [1, 1, 1], [2, 4, 1], [3, 1, 2]], undefined, 'float64');
const prices = [0.5, 1.5, 1.0];
const bills = tensor([[5, 2, 3], [1, 1, 1], [2, 4, 1], [3, 1, 2]].map((r) => r.reduce((s, v, i) => s + v * prices[i], 0)), undefined, 'float64');

describe('deltaRule', () => {
  it('takes the batch step Δw = ε Σ (t − y) x', () => {
    // From w = 0, b = 0: t = (8.5, 3, 8, 5); Σ t·x = (8.5·5+3+16+15, 17+3+32+5, 25.5+3+8+10) = (76.5, 57, 46.5);
    // Σ t = 24.5. With ε = 0.01: w = (0.765, 0.57, 0.465), b = 0.245.
    const r = deltaRule(x, bills, { learningRate: 0.01, epochs: 1, mode: 'batch' });
    expect(r.weights).toBeAllClose([0.765, 0.57, 0.465], { rtol: 1e-12 });
    expect(r.bias).toBeCloseTo(0.245, 12);
  });

  it('learns a linear rule online and the error falls', () => {
    const r = deltaRule(x, bills, { learningRate: 0.02, epochs: 300 });
    expect(r.errors[r.errors.length - 1]).toBeLessThan(r.errors[0] * 1e-3);
  });
});
