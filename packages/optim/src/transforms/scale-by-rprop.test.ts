import { type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { type RpropVariant, scaleByRprop } from './scale-by-rprop';

/** The emitted steps (sign(g)·Δ, or the step taken back) for the gradients `gs` and losses `losses`. */
function steps(variant: RpropVariant, gs: number[], losses?: number[]): number[] {
  const opt = scaleByRprop({ initialStep: 0.1, variant });
  const params = { x: tensor([0], [1], 'float64') };
  let state = opt.init(params);
  return gs.map((g, t) => {
    let u: { x: Tensor };
    [u, state] = opt.update({ x: tensor([g], [1], 'float64') }, state, params, losses ? { loss: losses[t] } : undefined);
    return u.x.item();
  });
}

describe('scaleByRprop', () => {
  // Δ₀ = 0.1, η = (0.5, 1.2); gradients 2, 3 (sign held: Δ = 0.12), −1 (flip: Δ = 0.06), −1.
  it('iRprop−: grows Δ by η⁺ while the sign holds; on a flip shrinks it and does not move that weight', () => {
    // 0.1, 0.12, then 0 (the flip: no step, gradient forgotten), then −0.06 (neutral: Δ stays 0.06)
    expect(steps('iRprop-', [2, 3, -1, -1])).toBeAllClose([0.1, 0.12, 0, -0.06]);
  });

  it('Rprop−: on a flip steps anyway with the shrunken Δ, and keeps comparing with that gradient', () => {
    // 0.1, 0.12, −0.06, then −0.072 (the sign held since the flip: Δ = 0.06·1.2)
    expect(steps('Rprop-', [2, 3, -1, -1])).toBeAllClose([0.1, 0.12, -0.06, -0.072]);
  });

  it('Rprop+: on a flip takes the previous step back', () => {
    // 0.1, 0.12, −0.12 (the 0.12 step undone), then −0.06 (neutral, Δ = 0.06)
    expect(steps('Rprop+', [2, 3, -1, -1])).toBeAllClose([0.1, 0.12, -0.12, -0.06]);
  });

  it('iRprop+: takes the step back only when the loss rose', () => {
    expect(steps('iRprop+', [2, 3, -1, -1], [5, 4, 4.5, 3])).toBeAllClose([0.1, 0.12, -0.12, -0.06]);
    expect(steps('iRprop+', [2, 3, -1, -1], [5, 4, 3.5, 3])).toBeAllClose([0.1, 0.12, 0, -0.06]);
  });

  it('keeps Δ within the step-size range', () => {
    // Δ₀ = 0.1, range [0.05, 0.11]: 0.1, min(0.12, 0.11), 0.11 again; flip: max(0.055, 0.05) = 0.055, then 0.055
    const opt = scaleByRprop({ initialStep: 0.1, stepSizes: [0.05, 0.11] });
    const params = { x: tensor([0]) };
    let state = opt.init(params);
    for (const g of [1, 1, 1, -1]) [, state] = opt.update({ x: tensor([g]) }, state, params);
    expect((state.stepSizes as { x: Tensor }).x).toBeAllClose([0.055]);
  });

  it('needs the loss for iRprop+, and refuses bad etas, step sizes and variants', () => {
    const opt = scaleByRprop({ initialStep: 0.1, variant: 'iRprop+' });
    const params = { x: tensor([0]) };
    expect(() => opt.update({ x: tensor([1]) }, opt.init(params), params)).toThrow(/scaleByRprop: variant 'iRprop\+' takes a step back only when the loss rose, so it needs ctx.loss/);
    expect(() => scaleByRprop({ initialStep: 0 })).toThrow(/initialStep \(the learning rate\) must be a finite number > 0, got 0/);
    expect(() => scaleByRprop({ initialStep: 0.1, etas: [1.2, 0.5] })).toThrow(/η⁻ \(etas\[0\]\) must be a finite number > 0 and < 1, got 1.2/);
    expect(() => scaleByRprop({ initialStep: 0.1, etas: [0.5, 1] })).toThrow(/η⁺ \(etas\[1\]\) must be a finite number > 1, got 1/);
    expect(() => scaleByRprop({ initialStep: 0.1, stepSizes: [1, 0.5] })).toThrow(/Δ_max \(stepSizes\[1\]\) must be a finite number ≥ 1, got 0.5/);
    expect(() => scaleByRprop({ initialStep: 0.1, variant: 'irprop' as RpropVariant })).toThrow(ValueError);
    expect(() => scaleByRprop({ initialStep: 0.1, variant: 'irprop' as RpropVariant })).toThrow(/variant must be one of 'Rprop\+', 'Rprop-', 'iRprop\+', 'iRprop-', got "irprop"/);
  });
});
