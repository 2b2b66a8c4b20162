import { describe, expect, it } from 'vitest';
import { type Params, type Tensor, tensor } from '@nn/tensor';
import { assignLeaves } from './assign-leaves';

const t = (v: number) => tensor([v], [1], 'float32');

describe('assignLeaves', () => {
  it('puts the new leaves in place of the old, mutating the tree and keeping its objects', () => {
    const layer = { w: t(1), b: t(2) };
    const params: Params = [layer, {}, { w: t(3), b: t(4) }];
    const next: Params = [{ w: t(5), b: t(6) }, {}, { w: t(7), b: t(8) }];
    assignLeaves(params, next);
    expect(params[0]).toBe(layer);
    expect((params as { w: Tensor; b: Tensor }[]).map((p) => p.w === undefined ? [] : [p.w.item(), p.b.item()])).toEqual([[5, 6], [], [7, 8]]);
  });
});
