import { NnError, add, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { nonNeg } from './non-neg';

describe('nonNeg', () => {
  it('clips the stepped weights at 0, leaving the biases alone', () => {
    const params = { w: tensor([[1, -2, 0.5]]), b: tensor([-1]) };
    const t = nonNeg();
    const [u] = t.update({ w: tensor([[-3, 1, 0.25]]), b: tensor([-1]) }, t.init(params), params);
    expect(u.w).toBeAllClose([[-1, 2, 0.25]]); // θ + u = (−2, −1, 0.75) → (0, 0, 0.75); minus θ
    expect(add(params.w, u.w)).toBeAllClose([[0, 0, 0.75]]);
    expect(u.b).toBeAllClose([-1]);
  });

  it('constrains exactly the leaves a mask selects', () => {
    const params = { w: tensor([[-1]]), b: tensor([-1]) };
    const [u] = nonNeg({ select: { w: false, b: true } }).update({ w: tensor([[0]]), b: tensor([0]) }, {}, params);
    expect(u.w).toBeAllClose([[0]]);
    expect(u.b).toBeAllClose([1]);
    expect(() => nonNeg().update({ w: tensor([[0]]) }, {})).toThrow(NnError);
  });
});
