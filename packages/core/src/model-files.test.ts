import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2dLayer, flattenLayer, maxPool2dLayer } from '@nn/conv';
import { activation, dense, sequential } from '@nn/layers';
import { createRng, randn } from '@nn/tensor';
import { modelFromFiles, modelToFiles } from './model-files';
import { predict } from './predict';
import { load, save } from './save-load';

const dir = mkdtempSync(join(tmpdir(), 'nn-model-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mlp = (seed: number, dtype: 'float32' | 'float64' = 'float32') => {
  const rng = createRng(seed);
  return sequential(dense(5, 7, { rng, dtype }), activation('lecunTanh'), dense(7, 3, { rng, dtype }), activation('softmax'));
};
const bits = (t: { dataSync(): ArrayLike<number> & { buffer: ArrayBufferLike } }) => Array.from(new Uint8Array(t.dataSync().buffer));
const x = randn([4, 5], { rng: createRng(99) });

describe('modelToFiles / modelFromFiles', () => {
  it('round-trips a float32 and a float64 model bit for bit', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const original = mlp(1, dtype);
      const files = modelToFiles(original);
      const loaded = modelFromFiles(files.json, files.weights);
      const input = randn([4, 5], { rng: createRng(99), dtype });
      expect(bits(predict(loaded, input))).toEqual(bits(predict(original, input)));
      // the loaded model writes the very same bytes again
      expect(Array.from(modelToFiles(loaded).weights)).toEqual(Array.from(files.weights));
    }
  });

  it('round-trips a convolutional network', () => {
    const rng = createRng(3);
    const original = sequential(conv2dLayer(1, 2, 3, { rng }), activation('relu'), maxPool2dLayer(2), flattenLayer(), dense(2 * 3 * 3, 2, { rng }));
    const { json, weights } = modelToFiles(original);
    const images = randn([2, 1, 8, 8], { rng: createRng(4) });
    expect(bits(predict(modelFromFiles(json, weights), images))).toEqual(bits(predict(original, images)));
  });

  it('writes what save writes: model.json naming the weights file, and the same safetensors bytes', async () => {
    const model = mlp(2);
    await save(model, join(dir, 'disk'));
    const onDisk = JSON.parse(readFileSync(join(dir, 'disk', 'model.json'), 'utf8'));
    const weightsFile = readdirSync(join(dir, 'disk')).find((f) => f.endsWith('.safetensors'))!;
    const files = modelToFiles(model, { weightsFile });
    expect(JSON.parse(files.json)).toEqual(onDisk);
    expect(Array.from(files.weights)).toEqual(Array.from(readFileSync(join(dir, 'disk', weightsFile))));
  });

  it('reads the files save wrote, and save-compatible files load with load', async () => {
    const model = mlp(5);
    await save(model, join(dir, 'saved'));
    const description = readFileSync(join(dir, 'saved', 'model.json'), 'utf8');
    const bytes = readFileSync(join(dir, 'saved', JSON.parse(description).weights));
    expect(bits(predict(modelFromFiles(description, bytes), x))).toEqual(bits(predict(model, x)));

    const files = modelToFiles(model);
    mkdirSync(join(dir, 'picked'));
    writeFileSync(join(dir, 'picked', 'model.json'), files.json);
    writeFileSync(join(dir, 'picked', 'model.safetensors'), files.weights);
    expect(bits(predict(await load(join(dir, 'picked')), x))).toEqual(bits(predict(model, x)));
  });

  it('takes the weights as an ArrayBuffer (File.arrayBuffer()) as well', () => {
    const model = mlp(6);
    const { json, weights } = modelToFiles(model);
    const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
    expect(bits(predict(modelFromFiles(json, buffer), x))).toEqual(bits(predict(model, x)));
  });

  it('leaves its inputs alone', () => {
    const model = mlp(7);
    const before = bits(model.params[0].w);
    const { json, weights } = modelToFiles(model);
    const copy = Array.from(weights);
    modelFromFiles(json, weights);
    expect(bits(model.params[0].w)).toEqual(before);
    expect(Array.from(weights)).toEqual(copy);
  });

  it('refuses what is not a model, naming what it got', () => {
    const { json, weights } = modelToFiles(mlp(8));
    expect(() => modelFromFiles('{ half', weights)).toThrow(/^modelFromFiles: model\.json is not valid JSON/);
    expect(() => modelFromFiles(JSON.stringify({ format: 'keras' }), weights)).toThrow(`modelFromFiles: not an @nn model (format is "keras", expected 'nn-model')`);
    expect(() => modelFromFiles(JSON.parse(json), weights)).toThrow('modelFromFiles: json must be model.json\'s text (a string), got Object');
    expect(() => modelFromFiles(json, [1, 2, 3] as unknown as Uint8Array)).toThrow('modelFromFiles: weights must be the safetensors bytes (a Uint8Array or an ArrayBuffer), got Array');
    expect(() => modelFromFiles(json, modelToFiles(sequential(dense(5, 2))).weights)).toThrow(/^modelFromFiles: /);
    expect(() => modelToFiles(mlp(8), { weightsFile: '../model.safetensors' })).toThrow(
      `modelToFiles: the weights file name must be a plain file name (letters, digits, _ . -, not starting with '.'), got "../model.safetensors"`,
    );
  });
});
