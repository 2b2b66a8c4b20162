import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { scaleByAdam } from './scale-by-adam';

describe('scaleByAdam', () => {
  it('keeps bias-corrected moment averages: u = m̂/(√v̂ + ε)', () => {
    // β = (0.9, 0.999), g = 1 then 2:
    // t = 1: m = 0.1, v = 0.001; m̂ = 0.1/0.1 = 1, v̂ = 0.001/0.001 = 1; u = 1/(1 + 1e-8)
    // t = 2: m = 0.09 + 0.2 = 0.29, v = 0.000999 + 0.004 = 0.004999;
    //        m̂ = 0.29/0.19 = 1.526316, v̂ = 0.004999/0.001999 = 2.500750; u = 1.526316/1.581376 = 0.965182
    const opt = scaleByAdam();
    const params = { x: tensor([0], [1], 'float64') };
    const [u1, s1] = opt.update({ x: tensor([1], [1], 'float64') }, opt.init(params), params);
    const [u2, s2] = opt.update({ x: tensor([2], [1], 'float64') }, s1, params);
    expect(u1.x).toBeAllClose([0.99999999], { rtol: 1e-12 });
    expect(u2.x).toBeAllClose([0.9651820197], { rtol: 1e-9 });
    expect(s2.count).toBe(2);
    expect((s2.mu as { x: Tensor }).x).toBeAllClose([0.29], { rtol: 1e-12 });
    expect((s2.nu as { x: Tensor }).x).toBeAllClose([0.004999], { rtol: 1e-12 });
    expect(s2.nuMax).toBeNull();
  });

  it('divides by the largest v so far with amsgrad', () => {
    // β = (0.5, 0.5), ε tiny: g = 4 → m = 2, v = 8, m̂ = 4, v̂ = 16, u = 1;
    // g = 0 → m = 1, v = 4 but v_max = 8; m̂ = 1/0.75 = 4/3, √v_max/√(1 − 0.25) = √8/√0.75 = 3.265986; u = 0.408248
    // (without amsgrad: √(4/0.75) = 2.309401, u = 0.577350)
    const run = (amsgrad: boolean) => {
      const opt = scaleByAdam({ betas: [0.5, 0.5], eps: 1e-12, amsgrad });
      const params = { x: tensor([0], [1], 'float64') };
      const [, s1] = opt.update({ x: tensor([4], [1], 'float64') }, opt.init(params), params);
      return opt.update({ x: tensor([0], [1], 'float64') }, s1, params)[0].x;
    };
    expect(run(true)).toBeAllClose([(4 / 3) / (Math.sqrt(8) / Math.sqrt(0.75))], { rtol: 1e-9 });
    expect(run(false)).toBeAllClose([(4 / 3) / Math.sqrt(4 / 0.75)], { rtol: 1e-9 });
  });

  it('refuses β outside [0, 1), ε ≤ 0 and a state from elsewhere', () => {
    expect(() => scaleByAdam({ betas: [0.9, 1] })).toThrow(/scaleByAdam: β₂ \(betas\[1\]\) must be a finite number ≥ 0 and < 1, got 1/);
    expect(() => scaleByAdam({ betas: [-0.1, 0.9] })).toThrow(ValueError);
    expect(() => scaleByAdam({ eps: 0 })).toThrow(/eps must be a finite number > 0, got 0/);
    const params = { x: tensor([1]) };
    expect(() => scaleByAdam().update(params, { velocity: params } as never, params)).toThrow(/scaleByAdam: expected the state its init makes, with keys \{count, mu, nu, nuMax\}, got keys \{velocity\}/);
  });
});
