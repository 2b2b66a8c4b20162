import { describe, expect, it } from 'vitest';
import { ValueError, arange, createRng, tensor } from '@nn/tensor';
import { type Batch, batchAt, batches, numBatches } from './batches';
import { dataset } from './dataset';

// 10 samples; x[i] = [i, 10·i], y[i] = i (int32), so every batch shows which samples it took
const ds = dataset(tensor(Array.from({ length: 10 }, (_, i) => [i, 10 * i])), arange(0, 10, 1, 'int32'));
const ids = (b: Batch) => Array.from(b.y.dataSync());

describe('batches', () => {
  it('cuts mini-batches in order, the last one short', () => {
    const all = [...batches(ds, { size: 3 })];
    expect(all.map(ids)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(all.map((b) => [b.index, b.count])).toEqual([[0, 4], [1, 4], [2, 4], [3, 4]]);
    expect(all[1].x.toArray()).toEqual([[3, 30], [4, 40], [5, 50]]);
    expect(all[3].x.shape).toEqual([1, 2]);
    expect(all[0].y.dtype).toBe('int32');
  });

  it('drops a short last batch on request', () => {
    expect([...batches(ds, { size: 3, dropLast: true })].map(ids)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect([...batches(ds, { size: 11, dropLast: true })]).toEqual([]);
  });

  it('gives one sample at a time for online learning', () => {
    const all = [...batches(ds, { size: 1 })];
    expect(all).toHaveLength(10);
    expect(all[7].x.toArray()).toEqual([[7, 70]]);
  });

  it("gives the dataset's own tensors as one full batch", () => {
    const [only, ...rest] = batches(ds, { size: 'full' });
    expect(rest).toEqual([]);
    expect(only.x).toBe(ds.x);
    expect(only.y).toBe(ds.y);
    expect([only.index, only.count]).toEqual([0, 1]);
    expect([...batches(ds, { size: 10 })][0].x).toBe(ds.x);
  });

  it('shuffles with a fresh permutation on every pass, samples and targets together', () => {
    const epochs = batches(ds, { size: 4, shuffle: true, rng: createRng(42) });
    const first = [...epochs];
    const second = [...epochs];
    const order = (pass: Batch[]) => pass.flatMap(ids);
    expect(first.map((b) => b.x.shape[0])).toEqual([4, 4, 2]);
    expect([...order(first)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...order(second)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order(first)).not.toEqual(order(second));
    for (const b of first) {
      const rows = b.x.toArray() as number[][];
      expect(rows.map(([a, c]) => [a, c / 10])).toEqual(ids(b).map((i) => [i, i]));
    }
    // the same seed gives the same epochs
    const again = batches(ds, { size: 4, shuffle: true, rng: createRng(42) });
    expect(order([...again])).toEqual(order(first));
    expect(order([...again])).toEqual(order(second));
  });

  it('refuses bad sizes and shuffling without an rng', () => {
    expect(() => batches(ds, { size: 0 })).toThrow(ValueError);
    expect(() => batches(ds, { size: 0 })).toThrow("batches: batch size must be a positive integer or 'full', got 0");
    expect(() => batches(ds, { size: 2.5 })).toThrow('got 2.5');
    expect(() => batches(ds, { size: 'half' as never })).toThrow("got 'half'");
    expect(() => batches(ds, { size: 2, shuffle: true } as never)).toThrow('batches: shuffle needs an rng: pass { shuffle: true, rng: createRng(seed) }');
    expect(() => batches({ x: ds.x, y: tensor([1]) }, { size: 2 })).toThrow('batches: x has 10 samples but y has 1');
  });
});

describe('batchAt', () => {
  it('gives batch i of a pass as batches does, with or without an order', () => {
    const order = createRng(3).permutation(10);
    const shuffled = [...batches(ds, { size: 4, shuffle: true, rng: createRng(3) })];
    for (let i = 0; i < 3; i++) {
      const b = batchAt(ds, order, i, 4, 3);
      expect([ids(b), b.index, b.count]).toEqual([ids(shuffled[i]), i, 3]);
      expect(b.x.toArray()).toEqual(shuffled[i].x.toArray());
    }
    expect(ids(batchAt(ds, undefined, 2, 4, 3))).toEqual([8, 9]);
    expect(batchAt(ds, undefined, 0, 10, 1).x).toBe(ds.x); // every sample: the dataset's own tensors
  });

  it('refuses a batch past the end, a bad size and an order of another length', () => {
    expect(() => batchAt(ds, undefined, 3, 4, 3)).toThrow(ValueError);
    expect(() => batchAt(ds, undefined, 3, 4, 3)).toThrow(/batch 3 is out of range: 10 samples in batches of 4 make 3/);
    expect(() => batchAt(ds, undefined, -1, 4, 3)).toThrow(/batch -1 is out of range/);
    expect(() => batchAt(ds, undefined, 0, 0, 3)).toThrow(/batch size must be a positive integer, got 0/);
    expect(() => batchAt(ds, new Int32Array(9), 0, 4, 3)).toThrow(/the order has 9 positions, the dataset 10 samples/);
  });
});

describe('numBatches', () => {
  it('counts ⌈n / size⌉, or ⌊n / size⌋ when dropping the last', () => {
    expect(numBatches(10, 3)).toBe(4);
    expect(numBatches(10, 3, true)).toBe(3);
    expect(numBatches(9, 3)).toBe(3);
    expect(numBatches(10, 1)).toBe(10);
    expect(numBatches(10, 'full')).toBe(1);
    expect(numBatches(0, 'full')).toBe(0);
    expect(numBatches(0, 5)).toBe(0);
    expect(numBatches(60000, 128, true)).toBe(468);
    expect(() => numBatches(-1, 2)).toThrow('numBatches: n must be a non-negative integer, got -1');
  });
});
