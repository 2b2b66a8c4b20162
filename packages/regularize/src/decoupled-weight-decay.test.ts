import { type GradientTransformation, NnError, type Params, type Tensor, ValueError, abs, div, mapTree, mul, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { addPenaltyGradient } from './add-penalty-gradient';
import { decoupledWeightDecay } from './decoupled-weight-decay';
import { l2 } from './l2';

/** The members of a chain applied in turn, as @nn/optim's chain does (this package cannot depend on it). */
function step(transforms: readonly GradientTransformation<unknown>[], grads: Params, params: Params): Params {
  return transforms.reduce((u, t) => t.update(u, t.init(params), params)[0], grads);
}
/** u = c·g. */
const scaleBy = (c: number): GradientTransformation<unknown> => ({ init: () => ({}), update: (g, s) => [mapTree((x) => mul(x, c), g), s] });
/** u = g/|g|: a step of fixed size per weight, what an adaptive method (Adam, RMSprop, rprop) makes of a steady gradient. */
const normalize: GradientTransformation<unknown> = { init: () => ({}), update: (g, s) => [mapTree((x) => div(x, abs(x)), g), s] };

describe('decoupledWeightDecay', () => {
  it('adds λ·θ to the updates, not to the biases', () => {
    const params = { w: tensor([[2, -4]]), b: tensor([10]) };
    const t = decoupledWeightDecay(0.25);
    const [u, s] = t.update({ w: tensor([[1, 1]]), b: tensor([1]) }, t.init(params), params);
    expect(u.w).toBeAllClose([[1.5, 0]]); // 1 + 0.25·2, 1 + 0.25·(−4)
    expect(u.b).toBeAllClose([1]);
    expect(s).toEqual({});
  });

  it('is the l2 penalty for plain gradient descent, and not under an adaptive scaling (Loshchilov & Hutter)', () => {
    const params = { w: tensor([[1, -3]]) };
    const grads = { w: tensor([[0.01, 0.01]]) };
    const sgdL2 = step([addPenaltyGradient(l2(0.1)), scaleBy(-0.5)], grads, params) as { w: Tensor };
    const sgdDecoupled = step([decoupledWeightDecay(0.1), scaleBy(-0.5)], grads, params) as { w: Tensor };
    expect(sgdDecoupled.w).toBeAllClose(sgdL2.w); // −0.5·(0.01 + 0.1·w) = [−0.055, 0.145]
    expect(sgdL2.w).toBeAllClose([[-0.055, 0.145]]);
    // Normalized: the l2 term is divided away with the gradient, sign(0.01 + 0.1·w) = [1, −1] → ∓0.5 whatever
    // the weight; decoupled, each weight shrinks in proportion to its size: −0.5·(1 + 0.1·w) = [−0.55, −0.35].
    const adaptiveL2 = step([addPenaltyGradient(l2(0.1)), normalize, scaleBy(-0.5)], grads, params) as { w: Tensor };
    const adaptiveDecoupled = step([normalize, decoupledWeightDecay(0.1), scaleBy(-0.5)], grads, params) as { w: Tensor };
    expect(adaptiveL2.w).toBeAllClose([[-0.5, 0.5]]);
    expect(adaptiveDecoupled.w).toBeAllClose([[-0.55, -0.35]]);
  });

  it('needs the params, and refuses a negative weight decay', () => {
    const t = decoupledWeightDecay(0.1);
    expect(() => t.update({ w: tensor([1]) }, t.init({}))).toThrow(NnError);
    expect(() => decoupledWeightDecay(-0.1)).toThrow('decoupledWeightDecay: weightDecay must be a finite number ≥ 0, got -0.1');
    expect(() => decoupledWeightDecay(0.1, { select: 3 as never })).toThrow(ValueError);
  });
});
