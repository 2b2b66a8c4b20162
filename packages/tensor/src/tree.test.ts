import { describe, expect, it } from 'vitest';
import { add } from './ops/binary';
import { tensor } from './ops/creation';
import { assertSameTree, mapTree, treeLeaves } from './tree';

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
