import { DTypeError, ShapeError, type Tensor, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from './apply-updates';

function model() {
  return { dense: { w: tensor([[1, 2], [3, 4]]), b: tensor([0.5, -0.5]) }, layers: [tensor(1, [], 'float64')] };
}

describe('applyUpdates', () => {
  it('replaces every leaf with θ + u in place and returns the same tree', () => {
    const params = model();
    const dense = params.dense;
    const layers = params.layers;
    const oldW = params.dense.w;
    const out = applyUpdates(params, { dense: { w: tensor([[0.1, 0.2], [0.3, 0.4]]), b: tensor([1, 1]) }, layers: [tensor(-2, [], 'float64')] });
    expect(out).toBe(params);
    expect(params.dense).toBe(dense);
    expect(params.layers).toBe(layers);
    expect(params.dense.w).toBeAllClose([[1.1, 2.2], [3.3, 4.4]]);
    expect(params.dense.b).toBeAllClose([1.5, 0.5]);
    expect(params.layers[0]).toBeAllClose(-1);
    expect(params.layers[0].dtype).toBe('float64');
    expect(oldW).toBeAllClose([[1, 2], [3, 4]]); // tensors stay immutable
  });

  it('is seen by a closure that holds the tree, as a layer’s forward does', () => {
    const params = { w: tensor([1]) };
    const forward = () => params.w.item();
    applyUpdates(params, { w: tensor([2]) });
    expect(forward()).toBe(3);
  });

  it('refuses trees that differ, naming the path, and changes nothing then', () => {
    const params = model();
    const before = params.dense.w;
    const u = () => ({ dense: { w: tensor([[0, 0], [0, 0]]), b: tensor([0, 0]) }, layers: [tensor(0, [], 'float64')] }) as Record<string, unknown>;
    const bad = (edit: (x: any) => void) => {
      const x = u();
      edit(x);
      return x as never;
    };
    expect(() => applyUpdates(params, bad((x) => delete x.dense.b))).toThrow(/applyUpdates: keys differ at \.dense \(missing from updates: b\)/);
    expect(() => applyUpdates(params, bad((x) => (x.dense.c = tensor([0]))))).toThrow(/keys differ at \.dense \(not in params: c\)/);
    // as many keys, other names
    expect(() => applyUpdates(params, bad((x) => { x.dense.c = x.dense.b; delete x.dense.b; }))).toThrow(/keys differ at \.dense \(missing from updates: b; not in params: c\)/);
    expect(() => applyUpdates(params, bad((x) => x.layers.push(tensor(0))))).toThrow(/arrays differ in length at \.layers: 1 in params, 2 in updates/);
    expect(() => applyUpdates(params, bad((x) => (x.dense.b = tensor([0, 0, 0]))))).toThrow(/shapes differ at \.dense\.b: \[2\] in params, \[3\] in updates/);
    expect(() => applyUpdates(params, bad((x) => (x.dense.b = { b: tensor([0, 0]) })))).toThrow(/differ at \.dense\.b: a tensor in params, an object in updates/);
    expect(() => applyUpdates(params, bad((x) => (x.layers[0] = tensor(0))))).toThrow(DTypeError);
    expect(() => applyUpdates(params, bad((x) => (x.dense.b = tensor([0, 0, 0]))))).toThrow(ShapeError);
    expect(params.dense.w).toBe(before);
  });

  it('refuses a bare tensor, which cannot change in place', () => {
    expect(() => applyUpdates(tensor([1]) as Tensor, tensor([1]))).toThrow(ValueError);
  });
});
