import { createRng, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { simpleRnn } from './simple-rnn';

describe('simpleRnn', () => {
  it('computes hₜ = tanh(xₜ·W + hₜ₋₁·U + b)', () => {
    const layer = simpleRnn(1, 1, { returnSequences: true, dtype: 'float64' });
    Object.assign(layer.params, { w: tensor([[0.5]], [1, 1], 'float64'), u: tensor([[0.5]], [1, 1], 'float64'), b: tensor([0], [1], 'float64') });
    // h₁ = tanh(0.5·1) = 0.4621171573; h₂ = tanh(0.5·2 + 0.5·h₁) = tanh(1.2310585786) = 0.8428861033
    expect(layer.forward(tensor([[[1], [2]]], [1, 2, 1], 'float64'))).toBeAllClose([[[0.4621171573], [0.8428861033]]], { rtol: 1e-9 });
  });

  it('has W: [F, units], U: [units, units], b: [units], drawn from U(−1/√units, 1/√units) as PyTorch, and says so in its config', () => {
    const layer = simpleRnn(3, 100, { rng: createRng(2) });
    expect(layer.params.w.shape).toEqual([3, 100]);
    expect(layer.params.u.shape).toEqual([100, 100]);
    expect(layer.params.b.shape).toEqual([100]);
    const u = Array.from(layer.params.u.dataSync());
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(0.1);
    expect(Math.max(...u.map(Math.abs))).toBeGreaterThan(0.099); // 10,000 draws reach the bound 1/√100
    expect(layer.config).toEqual({
      inFeatures: 3, units: 100, returnSequences: false, reverse: false, bpttSteps: null, dtype: 'float32',
      init: { name: 'smallUniform', config: { scale: 0.1 } }, recurrentInit: { name: 'smallUniform', config: { scale: 0.1 } },
      biasInit: { name: 'zeros', config: {} },
    });
  });
});
