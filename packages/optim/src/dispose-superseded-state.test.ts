import { DisposedError, type Tensor, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { disposeSupersededState } from './dispose-superseded-state';
import { adam } from './alias/adam';
import { sgd } from './alias/sgd';

describe('disposeSupersededState', () => {
  it('disposes the moments a fused update made once the next state replaces them, and keeps the new ones', () => {
    const params = { w: tensor([1, -2, 3]), b: tensor([0.5]) };
    const opt = adam(0.1);
    const s0 = opt.init(params);
    const [, s1] = opt.update({ w: tensor([0.1, 0.2, -0.3]), b: tensor([1]) }, s0, params);
    const [, s2] = opt.update({ w: tensor([0.3, -0.1, 0.2]), b: tensor([-1]) }, s1, params);
    disposeSupersededState(s1, s2);
    // s1's moments were made by the fused update: gone; s2's are intact
    const leaf = (tree: unknown, key: 'w' | 'b') => (tree as Record<string, Tensor>)[key];
    expect(() => leaf(s1[0].mu, 'w').dataSync()).toThrow(DisposedError);
    expect(() => leaf(s1[0].nu, 'b').dataSync()).toThrow(DisposedError);
    expect(leaf(s2[0].mu, 'w').dataSync()).toHaveLength(3);
    // the initial zeros were not made by a fused update: left alone
    disposeSupersededState(s0, s1);
    expect(Array.from(leaf(s0[0].mu, 'w').dataSync())).toEqual([0, 0, 0]);
    expect(params.w.dataSync()).toHaveLength(3);
  });

  it('leaves a tensor the next state still holds, and anything not made by a fused update', () => {
    const params = { w: tensor([1, 2]) };
    const opt = sgd(0.1, { momentum: 0.9 });
    const [, s1] = opt.update({ w: tensor([1, 1]) }, opt.init(params), params);
    disposeSupersededState(s1, s1);
    expect(Array.from((s1[0].velocity as Record<string, Tensor>).w.dataSync())).toEqual([1, 1]);
    const foreign = { w: tensor([4, 5]), n: 3, nothing: null };
    disposeSupersededState(foreign, {});
    expect(Array.from(foreign.w.dataSync())).toEqual([4, 5]);
  });
});
