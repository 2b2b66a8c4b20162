import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { createRng, randn } from '@nn/tensor';
import { predict } from './predict';
import { fromJSON, load, save, toJSON } from './save-load';

const dir = mkdtempSync(join(tmpdir(), 'nn-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = (seed: number, dtype: 'float32' | 'float64' = 'float32') => {
  const rng = createRng(seed);
  return sequential(dense(5, 7, { rng, dtype }), activation('lecunTanh'), dense(7, 3, { rng, dtype }), activation('softmax'));
};
const bits = (t: { dataSync(): ArrayLike<number> & { buffer: ArrayBufferLike } }) => Array.from(new Uint8Array(t.dataSync().buffer));

describe('save / load', () => {
  it('round-trips a model: the loaded one predicts bit-identically', async () => {
    const original = model(1);
    const x = randn([10, 5], { rng: createRng(2) });
    await save(original, join(dir, 'a'));
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['model.json', 'model.safetensors']);
    const loaded = await load(join(dir, 'a'));
    expect(bits(predict(loaded, x))).toEqual(bits(predict(original, x)));
  });

  it('loads a model that another process saved', async () => {
    const coreDir = fileURLToPath(new URL('..', import.meta.url));
    const script = `
      import { activation, createRng, dense, save, sequential } from '@nn/core';
      const rng = createRng(1);
      const m = sequential(dense(5, 7, { rng }), activation('lecunTanh'), dense(7, 3, { rng }), activation('softmax'));
      await save(m, process.argv[1]);`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script, join(dir, 'b')], { cwd: coreDir });
    const x = randn([10, 5], { rng: createRng(2) });
    const loaded = await load(join(dir, 'b'));
    expect(bits(predict(loaded, x))).toEqual(bits(predict(model(1), x)));
  });

  it('overwrites an earlier save and leaves no temporary folder behind', async () => {
    await save(model(3), join(dir, 'c'));
    await save(model(4), join(dir, 'c'));
    const x = randn([2, 5], { rng: createRng(5) });
    expect(bits(predict(await load(join(dir, 'c')), x))).toEqual(bits(predict(model(4), x)));
    expect(readdirSync(dir).filter((f) => f.startsWith('c.'))).toEqual([]);
  });

  it('refuses folders that do not hold a matching model, saying why', async () => {
    await expect(load(join(dir, 'missing'))).rejects.toThrow(`load: cannot read ${join(dir, 'missing')}/model.json: ENOENT`);
    await save(model(6), join(dir, 'd'));
    const description = JSON.parse(readFileSync(join(dir, 'd', 'model.json'), 'utf8'));
    description.layer.config.layers[0].config.outFeatures = 8;
    writeFileSync(join(dir, 'd', 'model.json'), JSON.stringify(description));
    await expect(load(join(dir, 'd'))).rejects.toThrow("load: weight '0.w' is float32 [5,7] in the file, but the model expects float32 [5,8]");
    writeFileSync(join(dir, 'd', 'model.json'), '{"format": "something-else"}');
    await expect(load(join(dir, 'd'))).rejects.toThrow(`load: not an @nn model (format is "something-else", expected 'nn-model')`);
    writeFileSync(join(dir, 'd', 'model.json'), '{ not json');
    await expect(load(join(dir, 'd'))).rejects.toThrow(`load: ${join(dir, 'd')}/model.json is not valid JSON`);
    expect(existsSync(join(dir, 'd', 'model.safetensors'))).toBe(true);
  });
});

describe('toJSON / fromJSON', () => {
  it('round-trips through JSON text bit for bit, float32 and float64', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const original = model(7, dtype);
      const copy = fromJSON(JSON.parse(JSON.stringify(toJSON(original))));
      const x = randn([4, 5], { rng: createRng(8), dtype });
      expect(bits(predict(copy, x))).toEqual(bits(predict(original, x)));
    }
  });
});
