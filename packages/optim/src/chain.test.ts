import { type GradientTransformation, type Tensor, add, mapTree, tensor } from '@nn/tensor';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { chain } from './chain';
import { identity } from './transforms/identity';
import { scale } from './transforms/scale';
import { type ScaleByLearningRateState, scaleByLearningRate } from './transforms/scale-by-learning-rate';
import { type TraceState, trace } from './transforms/trace';

/** u = g + 1, counting its calls in its state, and logging its name: to see the order of a chain. */
function addOne(name: string, log: string[]): GradientTransformation<{ calls: number }> {
  return {
    init: () => ({ calls: 0 }),
    update(grads, { calls }) {
      log.push(name);
      return [mapTree((g) => add(g, 1), grads), { calls: calls + 1 }];
    },
  };
}

const params = { w: tensor([1, 2]) };
const grads = { w: tensor([3, 4]) };

describe('chain', () => {
  it('applies its members left to right, each one transforming the previous one’s output', () => {
    const log: string[] = [];
    // scale then add: 2·g + 1 = [7, 9]; add then scale: 2·(g + 1) = [8, 10]
    const [u1] = chain(scale(2), addOne('a', log)).update(grads, [{}, { calls: 0 }], params);
    const [u2] = chain(addOne('a', log), scale(2)).update(grads, [{ calls: 0 }, {}], params);
    expect(u1.w).toBeAllClose([7, 9]);
    expect(u2.w).toBeAllClose([8, 10]);
    const order: string[] = [];
    const abc = chain(addOne('a', order), addOne('b', order), addOne('c', order));
    abc.update(grads, abc.init(params), params);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('keeps the members’ states as a tuple, each updated by its own member', () => {
    const opt = chain(trace({ decay: 0.5 }), scaleByLearningRate(0.1));
    const s0 = opt.init(params);
    expect(s0).toHaveLength(2);
    expect((s0[0].velocity as { w: Tensor }).w).toBeAllClose([0, 0]);
    expect(s0[1]).toEqual({ count: 0 });
    const [u, s1] = opt.update(grads, s0, params);
    // v = 0.5·0 + g = [3, 4]; u = −0.1·v = [−0.3, −0.4]
    expect(u.w).toBeAllClose([-0.3, -0.4]);
    expect((s1[0].velocity as { w: Tensor }).w).toBeAllClose([3, 4]);
    expect(s1[1]).toEqual({ count: 1 });
  });

  it('types its state as the tuple of the members’ states', () => {
    const opt = chain(trace({ decay: 0.9 }), identity(), scaleByLearningRate(0.1));
    expectTypeOf(opt.init(params)).toEqualTypeOf<readonly [TraceState, { readonly [key: string]: never }, ScaleByLearningRateState]>();
  });

  it('passes params and ctx to every member', () => {
    const seen: unknown[] = [];
    const spy: GradientTransformation<null> = {
      init: () => null,
      update(g, state, p, ctx) {
        seen.push([p, ctx]);
        return [g, state];
      },
    };
    const ctx = { loss: 1.5, step: 3 };
    const opt = chain(spy, scale(2), spy);
    opt.update(grads, opt.init(params), params, ctx);
    expect(seen).toEqual([[params, ctx], [params, ctx]]);
  });

  it('is the identity with no members', () => {
    const opt = chain();
    const [u, s] = opt.update(grads, opt.init(params), params);
    expect(u).toBe(grads);
    expect(s).toEqual([]);
  });
});
