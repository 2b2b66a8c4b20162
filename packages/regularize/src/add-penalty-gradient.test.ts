import { NnError, add, createRng, matmul, mul, randn, square, sum, tensor, treeLeaves, valueAndGrad } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { addPenaltyGradient } from './add-penalty-gradient';
import { l1 } from './l1';
import { l2 } from './l2';
import { weightElimination } from './weight-elimination';

describe('addPenaltyGradient', () => {
  it('adds ∂Ω/∂θ to the gradient and keeps no state', () => {
    const params = { w: tensor([[1, -2]]), b: tensor([3]) };
    const t = addPenaltyGradient(l2(0.5));
    const [u, s] = t.update({ w: tensor([[10, 10]]), b: tensor([1]) }, t.init(params), params);
    expect(u.w).toBeAllClose([[10.5, 9]]); // g + 0.5·w
    expect(u.b).toBeAllClose([1]); // biases are not penalized
    expect(s).toEqual({});
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('gives the gradient of loss + Ω from the gradient of the loss alone (float64)', () => {
    const rng = createRng(7);
    const params = { w: randn([3, 2], { rng, dtype: 'float64' }), b: randn([2], { rng, dtype: 'float64' }) };
    const x = randn([5, 3], { rng, dtype: 'float64' });
    const loss = (p: typeof params) => sum(square(add(matmul(x, p.w), p.b)));
    for (const penalty of [l2(0.3), l1(0.2), weightElimination(0.5, { scale: 0.7 })]) {
      const expected = valueAndGrad((p) => add(loss(p), penalty(p)), params).grads;
      const t = addPenaltyGradient(penalty);
      const [u] = t.update(valueAndGrad(loss, params).grads, t.init(params), params);
      treeLeaves(u).forEach((g, i) => expect(g).toBeAllClose(treeLeaves(expected)[i], { rtol: 1e-12, atol: 1e-12 }));
    }
  });

  it('leaves the gradients and params it is given alone', () => {
    const params = { w: tensor([[1, -2]]) };
    const grads = { w: tensor([[4, 4]]) };
    const t = addPenaltyGradient(l2(1));
    t.update(grads, t.init(params), params);
    expect(params.w).toBeAllClose([[1, -2]]);
    expect(grads.w).toBeAllClose([[4, 4]]);
  });

  it('needs the params, and a penalty', () => {
    const t = addPenaltyGradient(l2(1));
    expect(() => t.update({ w: tensor([1]) }, t.init({})))
      .toThrow("addPenaltyGradient: needs the params to compute the l2 penalty's gradient; pass them to update(grads, state, params)");
    expect(() => addPenaltyGradient((() => mul(tensor(1), 1)) as never)).toThrow(NnError);
  });
});
