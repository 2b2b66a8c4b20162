import { createRng, slice, tensor, zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { lstm } from './lstm';

describe('lstm', () => {
  it('takes the gates in the order i, f, g, o', () => {
    const layer = lstm(1, 1, { dtype: 'float64' });
    Object.assign(layer.params, {
      w: tensor([[0.1, 0.2, 0.3, 0.4]], [1, 4], 'float64'),
      u: zeros([1, 4], 'float64'),
      b: zeros([4], 'float64'),
    });
    // x = 1, h₀ = c₀ = 0: c₁ = σ(0.1)·tanh(0.3) = 0.5249791875·0.2913126125 = 0.1529330586 (the forget gate meets c₀ = 0)
    // h₁ = σ(0.4)·tanh(c₁) = 0.5986876601·0.1517518… = 0.0908519395
    const { output, state } = layer.forwardWithState(tensor([[[1]]], [1, 1, 1], 'float64'));
    expect(state.c).toBeAllClose([[0.1529330586]], { rtol: 1e-9 });
    expect(output).toBeAllClose([[0.0908519395]], { rtol: 1e-9 });
  });

  it('starts with the forget gate’s bias at 1 (Gers et al. 2000), the others at 0', () => {
    const layer = lstm(2, 3, { rng: createRng(1) });
    expect(layer.params.w.shape).toEqual([2, 12]);
    expect(layer.params.u.shape).toEqual([3, 12]);
    expect(layer.params.b).toBeAllClose([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], { atol: 0 });
    expect(layer.config.forgetBias).toBe(1);
    expect(slice(lstm(2, 3, { forgetBias: 0 }).params.b, [3], [3])).toBeAllClose([0, 0, 0], { atol: 0 });
    expect(() => lstm(2, 3, { forgetBias: Number.NaN })).toThrow('lstm: forgetBias must be a finite number, got NaN');
  });
});
