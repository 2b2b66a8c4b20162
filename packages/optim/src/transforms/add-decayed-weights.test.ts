import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { addDecayedWeights } from './add-decayed-weights';

describe('addDecayedWeights', () => {
  it('adds λ·θ to the gradient', () => {
    // λ = 0.1, θ = [2, −4], g = [1, 1] → [1.2, 0.6]
    const opt = addDecayedWeights(0.1);
    const params = { w: tensor([2, -4]) };
    expect(opt.update({ w: tensor([1, 1]) }, opt.init(params), params)[0].w).toBeAllClose([1.2, 0.6]);
  });

  it('needs the params, and refuses a negative decay', () => {
    const opt = addDecayedWeights(0.1);
    expect(() => opt.update({ w: tensor([1]) }, {})).toThrow(/addDecayedWeights: needs the params/);
    expect(() => addDecayedWeights(-0.1)).toThrow(ValueError);
  });
});
