import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { createRng, randn } from '@nn/tensor';
import { deleteFromIndexedDB, loadFromIndexedDB, saveToIndexedDB } from './indexed-db';
import { modelToFiles } from './model-files';
import { predict } from './predict';

const mlp = (seed: number, dtype: 'float32' | 'float64' = 'float32') => {
  const rng = createRng(seed);
  return sequential(dense(5, 7, { rng, dtype }), activation('lecunTanh'), dense(7, 3, { rng, dtype }), activation('softmax'));
};
const bits = (t: { dataSync(): ArrayLike<number> & { buffer: ArrayBufferLike } }) => Array.from(new Uint8Array(t.dataSync().buffer));
const x = randn([4, 5], { rng: createRng(99) });

/** The record stored under `name`, read with the raw IndexedDB API. */
function rawRecord(indexedDB: IDBFactory, name: string): Promise<{ json: string; weights: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('nn-models');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('models').objectStore('models').get(name);
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result);
      };
    };
  });
}

/**
 * Makes every put abort its transaction right after it was issued, while `during` runs: a save
 * interrupted half-way (a closed tab, a quota error) must leave the previous model whole.
 */
async function withAbortingPuts(during: () => Promise<void>): Promise<void> {
  const put = IDBObjectStore.prototype.put;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = put.call(this, value, key);
    this.transaction.abort();
    return request;
  });
  try {
    await during();
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('saveToIndexedDB / loadFromIndexedDB', () => {
  it('round-trips a model bit for bit through globalThis.indexedDB', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    for (const dtype of ['float32', 'float64'] as const) {
      const original = mlp(1, dtype);
      await saveToIndexedDB(original, `mlp-${dtype}`);
      const input = randn([4, 5], { rng: createRng(99), dtype });
      expect(bits(predict(await loadFromIndexedDB(`mlp-${dtype}`), input))).toEqual(bits(predict(original, input)));
    }
  });

  it('stores the two files save writes: model.json text and the safetensors bytes', async () => {
    const indexedDB = new IDBFactory();
    const model = mlp(2);
    await saveToIndexedDB(model, 'm', { indexedDB });
    const record = await rawRecord(indexedDB, 'm');
    const files = modelToFiles(model);
    expect(record.json).toBe(files.json);
    expect(Array.from(record.weights)).toEqual(Array.from(files.weights));
  });

  it('replaces a model saved under the same name, and keeps others apart', async () => {
    const indexedDB = new IDBFactory();
    await saveToIndexedDB(mlp(3), 'm', { indexedDB });
    await saveToIndexedDB(mlp(4), 'm', { indexedDB });
    await saveToIndexedDB(mlp(5), 'other', { indexedDB });
    await saveToIndexedDB(mlp(6), 'm', { indexedDB, database: 'elsewhere' });
    expect(bits(predict(await loadFromIndexedDB('m', { indexedDB }), x))).toEqual(bits(predict(mlp(4), x)));
    expect(bits(predict(await loadFromIndexedDB('other', { indexedDB }), x))).toEqual(bits(predict(mlp(5), x)));
    expect(bits(predict(await loadFromIndexedDB('m', { indexedDB, database: 'elsewhere' }), x))).toEqual(bits(predict(mlp(6), x)));
  });

  it('is atomic: a save whose transaction aborts leaves the model saved before', async () => {
    const indexedDB = new IDBFactory();
    await saveToIndexedDB(mlp(7), 'm', { indexedDB });
    await withAbortingPuts(async () => {
      await expect(saveToIndexedDB(mlp(8), 'm', { indexedDB })).rejects.toThrow(
        /^saveToIndexedDB: writing 'm' was aborted; the model saved before under that name, if any, is unchanged/,
      );
      await expect(saveToIndexedDB(mlp(9), 'new', { indexedDB })).rejects.toThrow(/aborted/);
    });
    expect(bits(predict(await loadFromIndexedDB('m', { indexedDB }), x))).toEqual(bits(predict(mlp(7), x)));
    await expect(loadFromIndexedDB('new', { indexedDB })).rejects.toThrow(`loadFromIndexedDB: no model named 'new' in IndexedDB database 'nn-models'; it holds 'm'`);
  });

  it('names the models there are when asked for a missing one', async () => {
    const indexedDB = new IDBFactory();
    await expect(loadFromIndexedDB('m', { indexedDB })).rejects.toThrow(`loadFromIndexedDB: no model named 'm' in IndexedDB database 'nn-models'; it holds no models`);
    await saveToIndexedDB(mlp(1), 'b', { indexedDB });
    await saveToIndexedDB(mlp(1), 'a', { indexedDB });
    await expect(loadFromIndexedDB('c', { indexedDB })).rejects.toThrow(`no model named 'c' in IndexedDB database 'nn-models'; it holds 'a', 'b'`);
  });

  it('deletes a model', async () => {
    const indexedDB = new IDBFactory();
    await saveToIndexedDB(mlp(1), 'm', { indexedDB });
    await deleteFromIndexedDB('m', { indexedDB });
    await deleteFromIndexedDB('never saved', { indexedDB });
    await expect(loadFromIndexedDB('m', { indexedDB })).rejects.toThrow(/no model named 'm'/);
  });

  it('refuses a bad name, and says what to do where there is no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(saveToIndexedDB(mlp(1), 'm')).rejects.toThrow(
      'saveToIndexedDB: this runtime has no IndexedDB (globalThis.indexedDB is undefined); in Node use save(model, dir) and load(dir), or pass { indexedDB }',
    );
    await expect(loadFromIndexedDB('m')).rejects.toThrow(/^loadFromIndexedDB: this runtime has no IndexedDB/);
    await expect(saveToIndexedDB(mlp(1), '', { indexedDB: new IDBFactory() })).rejects.toThrow("saveToIndexedDB: name must be a non-empty string, got ''");
    await expect(loadFromIndexedDB(3 as unknown as string, { indexedDB: new IDBFactory() })).rejects.toThrow('loadFromIndexedDB: name must be a non-empty string, got number');
  });
});
