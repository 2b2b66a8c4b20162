import { describe, expect, it } from 'vitest';
import { add } from './ops/binary';
import { tensor } from './ops/creation';
import { DTypeError, ShapeError, ValueError } from './errors';
import type { Tensor } from './tensor';
import { assertSameTree, assignLeaves, mapTree, treeLeaves } from './tree';

const tree = () => ({ w: tensor([1, 2]), layers: [{ b: tensor(3) }, tensor([[4]])] });

describe('treeLeaves', () => {
  it('lists the tensors depth first, keys in insertion order', () => {
    expect(treeLeaves(tree()).map((t) => t.dataSync()[0])).toEqual([1, 3, 4]);
  });

  it('refuses values that are not tensors, arrays or objects, naming the path', () => {
    expect(() => treeLeaves({ w: tensor(1), layers: [{ b: 5 }] } as never)).toThrow('treeLeaves: expected tensors, arrays or objects in a Params tree, got a number at .layers[0].b');
  });
});

describe('mapTree', () => {
  it('maps matching leaves of several trees into a tree of the same structure', () => {
    const sum = mapTree((a, b) => add(a, b), tree(), tree());
    expect(sum.w).toBeAllClose([2, 4]);
    expect((sum.layers[0] as { b: unknown }).b).toBeAllClose(6);
    expect(sum.layers[1]).toBeAllClose([[8]]);
  });

  it('refuses trees whose structures differ, in either direction', () => {
    const a = { w: tensor(1) };
    const b = { w: tensor(1), extra: tensor(2) };
    expect(() => mapTree((x) => x, a, b)).toThrow('mapTree: trees differ at .extra: the key is only in the other tree');
    expect(() => mapTree((x) => x, b, a)).toThrow('mapTree: trees differ at .extra: the key is missing from the other tree');
    expect(() => mapTree((x) => x, [tensor(1)], [tensor(1), tensor(2)])).toThrow('mapTree: trees differ at the root: a list of 1 and a list of 2');
    expect(() => mapTree((x) => x, { w: tensor(1) }, { w: [tensor(1)] })).toThrow('mapTree: trees differ at .w: a tensor and a list of 1');
  });
});

describe('assertSameTree', () => {
  it('names the calling op and compares leaf shapes', () => {
    expect(() => assertSameTree('applyUpdates', { w: tensor([1, 2]) }, { w: tensor([1, 2, 3]) })).toThrow('applyUpdates: leaf shapes differ: [2] and [3]');
    expect(() => assertSameTree('applyUpdates', { w: tensor(1) }, { v: tensor(1) })).toThrow('applyUpdates: trees differ at .w');
    expect(() => assertSameTree('applyUpdates', tree(), tree())).not.toThrow();
  });
});

describe('assignLeaves', () => {
  const t = (v: number) => tensor([v], [1], 'float32');
  it('puts the new leaves in place of the old, mutating the tree and keeping its objects', () => {
    const layer = { w: t(1), b: t(2) };
    const params = [layer, {}, { w: t(3), b: t(4) }];
    expect(assignLeaves(params, [{ w: t(5), b: t(6) }, {}, { w: t(7), b: t(8) }])).toBe(params);
    expect(params[0]).toBe(layer);
    expect((params as { w?: Tensor; b?: Tensor }[]).map((p) => (p.w === undefined ? [] : [p.w.item(), p.b!.item()]))).toEqual([[5, 6], [], [7, 8]]);
  });

  it('changes nothing and names the difference when the trees differ in structure, shape or dtype', () => {
    const params = { w: t(1), layers: [{ b: t(2) }] };
    const check = (source: unknown, error: Error) => {
      expect(() => assignLeaves(params, source as never)).toThrow(error);
      expect([params.w.item(), params.layers[0].b.item()]).toEqual([1, 2]);
    };
    check({ w: t(9), layers: [{ c: t(9) }] }, new ShapeError('assignLeaves', 'trees differ at .layers[0].b: the key is missing from the other tree'));
    check({ w: tensor([9, 9], [2], 'float32'), layers: [{ b: t(9) }] }, new ShapeError('assignLeaves', 'leaf shapes differ: [1] and [2]'));
    check({ w: tensor([9], [1], 'float64'), layers: [{ b: t(9) }] }, new DTypeError('assignLeaves', 'leaf dtypes differ: float32 in target, float64 in source'));
    expect(() => assignLeaves(t(1), t(2))).toThrow(ValueError);
  });
});
