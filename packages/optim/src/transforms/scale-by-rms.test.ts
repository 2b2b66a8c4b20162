import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { scaleByRms } from './scale-by-rms';

const params = { x: tensor([0], [1], 'float64') };
const g = (v: number) => ({ x: tensor([v], [1], 'float64') });

describe('scaleByRms', () => {
  it('divides by the running root mean square: s ← α·s + (1 − α)·g², u = g/(√s + ε)', () => {
    // α = 0.99: g = 1 → s = 0.01, u = 1/(0.1 + 1e-8); g = 2 → s = 0.0099 + 0.04 = 0.0499, u = 2/√0.0499 = 8.953229
    const opt = scaleByRms();
    const [u1, s1] = opt.update(g(1), opt.init(params), params);
    const [u2, s2] = opt.update(g(2), s1, params);
    expect(u1.x).toBeAllClose([9.9999990000001], { rtol: 1e-9 });
    expect(u2.x).toBeAllClose([8.953229219915321], { rtol: 1e-9 });
    expect((s2.meanSquare as { x: Tensor }).x).toBeAllClose([0.0499], { rtol: 1e-12 });
  });

  it('divides by the centered root, √(s − m²) + ε, with centered', () => {
    // g = 1: s = 0.01, m = 0.01, s − m² = 0.0099; u = 1/0.0994987 = 10.050377
    const opt = scaleByRms({ centered: true });
    expect(opt.update(g(1), opt.init(params), params)[0].x).toBeAllClose([10.050377142491213], { rtol: 1e-9 });
  });

  it('puts ε inside the root with epsInsideSqrt', () => {
    // α = 0.5, ε = 0.5: g = 1 → s = 0.5; u = 1/√(0.5 + 0.5) = 1 (outside: 1/(0.7071 + 0.5) = 0.828427)
    expect(scaleByRms({ alpha: 0.5, eps: 0.5, epsInsideSqrt: true }).update(g(1), scaleByRms().init(params), params)[0].x).toBeAllClose([1]);
    expect(scaleByRms({ alpha: 0.5, eps: 0.5 }).update(g(1), scaleByRms().init(params), params)[0].x).toBeAllClose([1 / (Math.SQRT1_2 + 0.5)]);
  });

  it('refuses α outside [0, 1) and ε ≤ 0', () => {
    expect(() => scaleByRms({ alpha: 1 })).toThrow(/scaleByRms: alpha must be a finite number ≥ 0 and < 1, got 1/);
    expect(() => scaleByRms({ eps: 0 })).toThrow(ValueError);
  });
});
