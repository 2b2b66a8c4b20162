import { type GradientTransformation, type Params, type UpdateContext, ValueError, mapTree, mul, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { sgd } from '../alias/sgd';
import { minimize } from './minimize';
import { quadratic, rosenbrock } from './problems';

describe('minimize', () => {
  it('passes { loss, lossAndGrad, step } to every update', () => {
    const seen: UpdateContext[] = [];
    const spy: GradientTransformation<null> = {
      init: () => null,
      update(grads, state, _params, ctx) {
        seen.push(ctx!);
        return [mapTree((g) => mul(g, -0.1), grads), state];
      },
    };
    const { losses } = minimize(spy, quadratic, 2);
    expect(seen.map((c) => c.step)).toEqual([0, 1]);
    // f(3, 1) = ½(9 + 10) = 9.5
    expect(seen[0].loss).toBeCloseTo(9.5, 5);
    expect(losses).toHaveLength(3);
    const at = seen[0].lossAndGrad!({ w: tensor([1, 1]) });
    // f(1, 1) = ½(1 + 10) = 5.5; ∇f = (w₀, 10·w₁) = (1, 10)
    expect(at.loss).toBeCloseTo(5.5, 5);
    expect((at.grads as { w: Params }).w).toBeAllClose([1, 10]);
  });

  it('evaluates the problems at their minima to 0', () => {
    expect(quadratic.loss({ w: tensor([0, 0]) }).item()).toBe(0);
    expect(rosenbrock.loss({ x: tensor(1, [], 'float64'), y: tensor(1, [], 'float64') }).item()).toBe(0);
    expect(rosenbrock.init().x.dtype).toBe('float64');
  });

  it('stops with the step where the loss stopped being finite', () => {
    expect(() => minimize(sgd(1), rosenbrock, 50)).toThrow(ValueError);
    expect(() => minimize(sgd(1), rosenbrock, 50)).toThrow(/the loss of rosenbrock became (NaN|Infinity) at step \d+/);
  });
});
