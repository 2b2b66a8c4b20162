import { describe, expect, it, vi } from 'vitest';
import { grad } from './autodiff/grad';
import { cpuBackend } from './backend/cpu/cpu-backend';
import { ShapeError } from './errors';
import { mul } from './ops/binary';
import { scalar, tensor, zeros } from './ops/creation';
import { sum } from './ops/reduce';
import { Tensor, isTensor } from './tensor';

describe('Tensor', () => {
  it('reports shape, rank, size and dtype', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.rank).toBe(2);
    expect(t.size).toBe(6);
    expect(t.dtype).toBe('float32');
  });

  it('gives every tensor its own id', () => {
    expect(tensor([1]).id).not.toBe(tensor([1]).id);
  });

  it('keeps ids unique across copies of the package, so a tape never confuses their tensors', async () => {
    vi.resetModules();
    const copy = await import('./ops/creation');
    const a = tensor([1, 2]);
    // NOTE: with a counter per copy, the fresh copy would count from 0 up to a's id; draw up to just below it.
    while (copy.tensor([0]).id < a.id - 1);
    const b = copy.tensor([3, 4]);
    expect(b.id).not.toBe(a.id);
    const g = grad((p) => sum(mul(p.a, p.b)), { a, b });
    expect(g.a).toBeAllClose([3, 4]);
    expect(g.b).toBeAllClose([1, 2]);
  });

  it('nests toArray() by axis, last axis innermost', () => {
    const t = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
    expect(t.toArray()).toEqual([
      [[1, 2], [3, 4], [5, 6]],
      [[7, 8], [9, 10], [11, 12]],
    ]);
  });

  it('returns a plain number from toArray() for a scalar and [] for an empty tensor', () => {
    expect(scalar(2.5).toArray()).toBe(2.5);
    expect(zeros([0]).toArray()).toEqual([]);
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
  });

  it('lays dataSync() out row-major', () => {
    const t = tensor([[1, 2], [3, 4], [5, 6]], undefined, 'float64');
    const data = t.dataSync();
    expect(data).toBeInstanceOf(Float64Array);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('returns the single element from item()', () => {
    expect(scalar(3).item()).toBe(3);
    expect(tensor([[7]]).item()).toBe(7);
  });

  it('refuses item() on a tensor of more than one element', () => {
    expect(() => tensor([1, 2]).item()).toThrow(new ShapeError('item', 'expected a tensor with one element, got shape [2]'));
  });

  it('prints its shape, dtype and values', () => {
    expect(String(tensor([[1, 2]], undefined, 'int32'))).toBe('Tensor([1,2], int32, [[1,2]])');
  });
});

describe('isTensor', () => {
  it('accepts tensors', () => {
    expect(isTensor(scalar(1))).toBe(true);
  });

  it('accepts a structurally identical object from another copy of the package', () => {
    const foreign = { shape: [1], dtype: 'float32', storage: new Float32Array(1), backend: cpuBackend, dataSync: () => new Float32Array(1) };
    expect(isTensor(foreign)).toBe(true);
  });

  it('rejects numbers, arrays, typed arrays, null and look-alikes missing a member', () => {
    expect(isTensor(1)).toBe(false);
    expect(isTensor([1, 2])).toBe(false);
    expect(isTensor(new Float32Array(2))).toBe(false);
    expect(isTensor(null)).toBe(false);
    expect(isTensor(undefined)).toBe(false);
    expect(isTensor({ shape: [1], dtype: 'float32' })).toBe(false);
  });

  it('is not fooled by instanceof: a Tensor built directly counts', () => {
    const t = new Tensor([2], 'float32', new Float32Array([1, 2]), cpuBackend);
    expect(isTensor(t)).toBe(true);
    expect(t.toArray()).toEqual([1, 2]);
  });
});
