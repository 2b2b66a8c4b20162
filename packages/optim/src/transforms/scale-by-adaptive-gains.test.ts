import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { scaleByAdaptiveGains } from './scale-by-adaptive-gains';

function run(opt: ReturnType<typeof scaleByAdaptiveGains>, gs: number[]) {
  const params = { x: tensor([0], [1], 'float64') };
  let state = opt.init(params);
  const out: number[] = [];
  for (const g of gs) {
    let u: { x: Tensor };
    [u, state] = opt.update({ x: tensor([g], [1], 'float64') }, state, params);
    out.push(u.x.item());
  }
  return { out, gain: (state.gains as { x: Tensor }).x.item() };
}

describe('scaleByAdaptiveGains', () => {
  it('adds δ to a gain while the sign holds and multiplies it by 1 − δ when it flips', () => {
    // δ = 0.05, g = 1, 1, −1, −1: gain 1 (nothing to compare with), 1.05, 1.05·0.95 = 0.9975, 1.0475
    expect(run(scaleByAdaptiveGains(), [1, 1, -1, -1]).out).toBeAllClose([1, 1.05, -0.9975, -1.0475]);
  });

  it('clips the gains to their range', () => {
    // range [0.1, 1.1]: 1, 1.05, 1.1, then min(1.15, 1.1) = 1.1; δ = 0.5 and flips: 1, 0.5, 0.25, 0.125, 0.1
    expect(run(scaleByAdaptiveGains({ gainRange: [0.1, 1.1] }), [1, 1, 1, 1]).gain).toBeCloseTo(1.1, 12);
    expect(run(scaleByAdaptiveGains({ delta: 0.5 }), [1, -1, 1, -1, 1]).gain).toBeCloseTo(0.1, 12);
  });

  it('with momentum compares g with the velocity and emits v ← μ·v + gain·g', () => {
    // μ = 0.5: g = 1: gain 1, v = 1; g = 1 (agrees with v): gain 1.05, v = 0.5 + 1.05 = 1.55;
    // g = −1 (disagrees with v = 1.55): gain 0.9975, v = 0.775 − 0.9975 = −0.2225
    expect(run(scaleByAdaptiveGains({ momentum: 0.5 }), [1, 1, -1]).out).toBeAllClose([1, 1.55, -0.2225]);
  });

  it('refuses δ outside (0, 1), a bad range and momentum ≥ 1', () => {
    expect(() => scaleByAdaptiveGains({ delta: 1 })).toThrow(/scaleByAdaptiveGains: delta must be a finite number > 0 and < 1, got 1/);
    expect(() => scaleByAdaptiveGains({ gainRange: [2, 10] })).toThrow(/the smallest gain \(gainRange\[0\]\) must be a finite number > 0 and ≤ 1, got 2/);
    expect(() => scaleByAdaptiveGains({ gainRange: [0.1, 0.5] })).toThrow(/the largest gain \(gainRange\[1\]\) must be a finite number ≥ 1, got 0.5/);
    expect(() => scaleByAdaptiveGains({ momentum: 1 })).toThrow(ValueError);
  });
});
