import { createRng, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { gru } from './gru';

describe('gru', () => {
  it('takes the gates in the order r, z, n, with the reset gate applied to U_n·h + b_hn', () => {
    const layer = gru(1, 1, { dtype: 'float64' });
    Object.assign(layer.params, {
      w: tensor([[0.1, 0.2, 0.3]], [1, 3], 'float64'),
      u: tensor([[0.5, 0.5, 0.5]], [1, 3], 'float64'),
      b: tensor([0, 0, 0], [3], 'float64'),
      bhn: tensor([0.1], [1], 'float64'),
    });
    // x = 1, h₀ = 1: r = σ(0.1 + 0.5) = 0.6456563062, z = σ(0.2 + 0.5) = 0.6681877722,
    // n = tanh(0.3 + r·(0.5 + 0.1)) = tanh(0.6873937837) = 0.5963051119, h₁ = (1 − z)·n + z·1 = 0.8660490998
    const { output } = layer.forwardWithState(tensor([[[1]]], [1, 1, 1], 'float64'), { initialState: { h: tensor([[1]], [1, 1], 'float64') } });
    expect(output).toBeAllClose([[0.8660490998]], { rtol: 1e-9 });
  });

  it('has W: [F, 3·units], U: [units, 3·units], b: [3·units] and bhn: [units]', () => {
    const layer = gru(4, 2, { rng: createRng(3) });
    expect(Object.fromEntries(Object.entries(layer.params).map(([k, v]) => [k, v.shape]))).toEqual({ w: [4, 6], u: [2, 6], b: [6], bhn: [2] });
    expect(layer.config.units).toBe(2);
  });
});
