import { add, tensor, zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { unitNorm } from './unit-norm';

describe('unitNorm', () => {
  it('rescales each unit incoming vector to norm 1, leaving an all-zero one and the biases alone', () => {
    const params = { w: tensor([[3, 0], [4, 0]]), b: tensor([5, 5]) };
    const t = unitNorm();
    const [u, s] = t.update({ w: zeros([2, 2]), b: zeros([2]) }, t.init(params), params);
    expect(add(params.w, u.w)).toBeAllClose([[0.6, 0], [0.8, 0]]);
    expect(u.b).toBeAllClose([0, 0]);
    expect(s).toEqual({});
  });

  it('takes the axes to normalize over', () => {
    const params = { w: tensor([[0.3, 0.4]]) };
    const [u] = unitNorm({ axis: 1 }).update({ w: zeros([1, 2]) }, {}, params);
    expect(add(params.w, u.w)).toBeAllClose([[0.6, 0.8]]);
  });
});
