import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(readdirSync(join(dir, 'a')).sort()).toEqual([expect.stringMatching(/^model-[0-9a-f]{12}\.safetensors$/), 'model.json']);
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
    expect(readdirSync(join(dir, 'c'))).toHaveLength(2);
  });

  it('loads a model saved by an earlier version (weights in model.safetensors), and replaces it cleanly', async () => {
    await save(model(9), join(dir, 'legacy'));
    const folder = join(dir, 'legacy');
    const weights = readdirSync(folder).find((f) => f.endsWith('.safetensors'))!;
    renameSync(join(folder, weights), join(folder, 'model.safetensors'));
    const description = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
    delete description.weights;
    writeFileSync(join(folder, 'model.json'), JSON.stringify(description));
    const x = randn([3, 5], { rng: createRng(10) });
    expect(bits(predict(await load(folder), x))).toEqual(bits(predict(model(9), x)));
    writeFileSync(join(folder, 'model.json.0123abcd.tmp'), '{ half a descr');
    await save(model(11), folder);
    expect(readdirSync(folder).sort()).toEqual([expect.stringMatching(/^model-[0-9a-f]{12}\.safetensors$/), 'model.json']);
    expect(bits(predict(await load(folder), x))).toEqual(bits(predict(model(11), x)));
  });

  it('refuses a weights file name that leaves the folder', async () => {
    await save(model(12), join(dir, 'e'));
    const description = JSON.parse(readFileSync(join(dir, 'e', 'model.json'), 'utf8'));
    description.weights = '../a/model.safetensors';
    writeFileSync(join(dir, 'e', 'model.json'), JSON.stringify(description));
    await expect(load(join(dir, 'e'))).rejects.toThrow(`load: ${join(dir, 'e')}/model.json names its weights "../a/model.safetensors", expected a file name in the same folder`);
  });

  it('always leaves the old model or the new one when the saving process is killed at any moment', async () => {
    // A child process saves two large models into the folder, one after the other, again and again; it
    // is killed (SIGKILL, no clean-up) at a random moment. Whatever moment that was, the folder must
    // load as the old model or one of the new ones, bit for bit; the next save leaves no leftovers.
    const coreDir = fileURLToPath(new URL('..', import.meta.url));
    const big = (seed: number) => sequential(dense(300, 400, { rng: createRng(seed) }), dense(400, 10, { rng: createRng(seed + 1) }));
    const script = `
      import { createRng, dense, save, sequential } from '@nn/core';
      const big = (seed) => sequential(dense(300, 400, { rng: createRng(seed) }), dense(400, 10, { rng: createRng(seed + 1) }));
      const models = [big(21), big(31)];
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) await save(models[i % 2], process.argv[1]);`;
    const folder = join(dir, 'killed');
    const started = performance.now();
    await save(big(11), folder);
    await save(big(11), folder);
    // Kills fall anywhere within about three saves' time, however loaded the machine is.
    const window = 1.5 * (performance.now() - started);
    const x = randn([2, 300], { rng: createRng(3) });
    const expected = new Map([11, 21, 31].map((seed) => [JSON.stringify(bits(predict(big(seed), x))), seed]));
    const rng = createRng(4);
    const seen = new Set<number>();
    for (let round = 0; round < 20; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, folder], { cwd: coreDir, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`the saving process exited early (${code})`)));
      });
      await new Promise((resolve) => setTimeout(resolve, rng.uniform() * window));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const seed = expected.get(JSON.stringify(bits(predict(await load(folder), x))));
      expect(seed, `round ${round}: the folder held neither the old model nor a new one`).toBeDefined();
      seen.add(seed!);
    }
    // The kills fell both before and after a save's switch, so both outcomes were checked.
    expect(seen.size).toBeGreaterThan(1);
    await save(big(11), folder);
    expect(readdirSync(folder)).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.startsWith('killed.'))).toEqual([]);
  }, 120_000);

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
    expect(readdirSync(join(dir, 'd')).filter((f) => f.endsWith('.safetensors'))).toHaveLength(1);
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
