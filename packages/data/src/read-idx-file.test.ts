import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NnError, ValueError } from '@nn/tensor';
import { idxBytes } from './idx-fixture';
import { readIdxFile } from './read-idx-file';

let dir: string;
const values = Array.from({ length: 4 * 2 * 3 }, (_, i) => i * 10);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nn-idx-'));
  writeFileSync(join(dir, 'plain'), idxBytes(0x08, [4, 2, 3], values));
  writeFileSync(join(dir, 'plain.gz'), gzipSync(idxBytes(0x08, [4, 2, 3], values)));
  writeFileSync(join(dir, 'floats'), idxBytes(0x0d, [3], [0.5, -1, 2]));
  writeFileSync(join(dir, 'short'), idxBytes(0x08, [4, 2, 3], values).subarray(0, 20));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readIdxFile', () => {
  it('reads a file', async () => {
    const idx = await readIdxFile(join(dir, 'plain'));
    expect(idx.shape).toEqual([4, 2, 3]);
    expect(Array.from(idx.data)).toEqual(values);
    expect(Array.from((await readIdxFile(join(dir, 'floats'))).data)).toEqual([0.5, -1, 2]);
  });

  it('decompresses a gzipped file', async () => {
    const idx = await readIdxFile(join(dir, 'plain.gz'));
    expect(idx.shape).toEqual([4, 2, 3]);
    expect(Array.from(idx.data)).toEqual(values);
  });

  it('reads only the first count items', async () => {
    for (const name of ['plain', 'plain.gz']) {
      const idx = await readIdxFile(join(dir, name), { count: 2 });
      expect(idx.shape).toEqual([2, 2, 3]);
      expect(Array.from(idx.data)).toEqual(values.slice(0, 12));
    }
    expect((await readIdxFile(join(dir, 'plain'), { count: 0 })).data.length).toBe(0);
    await expect(readIdxFile(join(dir, 'plain'), { count: 5 })).rejects.toThrow('count 5 is more than the 4 items in the file');
  });

  it('names the file in errors', async () => {
    const short = join(dir, 'short');
    await expect(readIdxFile(short)).rejects.toThrow(ValueError);
    await expect(readIdxFile(short)).rejects.toThrow(`readIdxFile: ${short}: uint8 [4,2,3] needs 24 bytes of data after the 16-byte header, got 4 (truncated)`);
    await expect(readIdxFile(short, { count: 1 })).rejects.toThrow(`readIdxFile: ${short}: uint8 [4,2,3] needs 24 bytes`);
    await expect(readIdxFile(join(dir, 'missing'))).rejects.toThrow(NnError);
    await expect(readIdxFile(join(dir, 'missing'))).rejects.toThrow(`readIdxFile: no such file: ${join(dir, 'missing')}`);
  });
});
