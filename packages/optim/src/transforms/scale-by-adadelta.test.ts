import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { scaleByAdadelta } from './scale-by-adadelta';

describe('scaleByAdadelta', () => {
  it('scales g by √(E[Δ²] + ε)/√(E[g²] + ε) and then averages the squared steps', () => {
    // ρ = 0.9, ε = 1e-6, g = 1 twice:
    // t = 1: E[g²] = 0.1, Δ = √1e-6/√(0.1 + 1e-6) = 0.00316226; E[Δ²] = 0.1·Δ² = 9.9999e-7
    // t = 2: E[g²] = 0.19, Δ = √(9.9999e-7 + 1e-6)/√(0.19 + 1e-6) = 0.00324441
    const opt = scaleByAdadelta();
    const params = { x: tensor([0], [1], 'float64') };
    const [u1, s1] = opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params);
    const [u2, s2] = opt.update({ x: tensor([1], [1], 'float64') }, s1, params);
    expect(u1.x).toBeAllClose([0.0031622618488986636], { rtol: 1e-9 });
    expect(u2.x).toBeAllClose([0.00324441177370068], { rtol: 1e-9 });
    expect((s2.meanSquareDelta as { x: Tensor }).x).toBeAllClose([1.952611775822758e-6], { rtol: 1e-9 });
  });

  it('refuses ρ outside [0, 1] and ε ≤ 0', () => {
    expect(() => scaleByAdadelta({ rho: 1.1 })).toThrow(/scaleByAdadelta: rho must be a finite number ≥ 0 and ≤ 1, got 1.1/);
    expect(() => scaleByAdadelta({ eps: -1 })).toThrow(ValueError);
  });
});
