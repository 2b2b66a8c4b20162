import { type Layer, NnError, ValueError } from '@nn/tensor';
import { type ModelFiles, modelFromFiles, modelToFiles } from './model-files';
import type { LoadOptions } from './save-load';

/** The IndexedDB database and object store models live in, unless told otherwise. */
const DEFAULT_DATABASE = 'nn-models';
const STORE = 'models';

export interface IndexedDBOptions {
  /** The database's name; default 'nn-models' (one object store, 'models', keyed by model name). */
  readonly database?: string;
  /** The IndexedDB to use; default `globalThis.indexedDB` (pass one for a worker's or a test's own). */
  readonly indexedDB?: IDBFactory;
}

/**
 * Saves `model` in the browser's IndexedDB under `name`, in the format `save` writes to disk: one
 * record { json: model.json's text, weights: the safetensors bytes }, written by one readwrite
 * transaction, so a save is atomic: until it commits, `name` holds the model saved before; after, the
 * new one; never neither or a mix. Resolves once the transaction has committed.
 */
export async function saveToIndexedDB(model: Layer, name: string, options: IndexedDBOptions = {}): Promise<void> {
  const op = 'saveToIndexedDB';
  checkName(op, name);
  const { json, weights } = modelToFiles(model);
  const db = await openDatabase(op, options);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.oncomplete = () => resolve();
      // NOTE: a failed put fires onerror, then aborts the transaction; onabort covers both and explicit aborts.
      tx.onabort = () => reject(storageError(op, `writing '${name}' was aborted; the model saved before under that name, if any, is unchanged`, tx.error));
      try {
        tx.objectStore(STORE).put({ json, weights } satisfies ModelFiles, name);
      } catch (e) {
        tx.abort();
        reject(storageError(op, `writing '${name}' failed`, e as DOMException));
      }
    });
  } finally {
    db.close();
  }
}

/** Loads the model `saveToIndexedDB` stored under `name`; a missing name is refused with the names there are. */
export async function loadFromIndexedDB(name: string, options: IndexedDBOptions & LoadOptions = {}): Promise<Layer> {
  const op = 'loadFromIndexedDB';
  checkName(op, name);
  const db = await openDatabase(op, options);
  let record: Partial<ModelFiles> | undefined;
  let names: IDBValidKey[];
  try {
    [record, names] = await new Promise<[Partial<ModelFiles> | undefined, IDBValidKey[]]>((resolve, reject) => {
      const store = db.transaction(STORE, 'readonly').objectStore(STORE);
      const get = store.get(name);
      get.onerror = () => reject(storageError(op, `reading '${name}' failed`, get.error));
      get.onsuccess = () => {
        if (get.result !== undefined) return resolve([get.result, []]);
        const keys = store.getAllKeys();
        keys.onerror = () => reject(storageError(op, 'listing the saved models failed', keys.error));
        keys.onsuccess = () => resolve([undefined, keys.result]);
      };
    });
  } finally {
    db.close();
  }
  const where = `IndexedDB database '${options.database ?? DEFAULT_DATABASE}'`;
  if (record === undefined) {
    const there = names.length === 0 ? 'it holds no models' : `it holds ${names.map((n) => `'${String(n)}'`).join(', ')}`;
    throw new NnError(op, `no model named '${name}' in ${where}; ${there}`);
  }
  if (typeof record.json !== 'string' || record.weights === undefined) throw new NnError(op, `'${name}' in ${where} is not a model saved by saveToIndexedDB`);
  return modelFromFiles(record.json, record.weights, options);
}

/** Removes the model stored under `name` (nothing happens when there is none). */
export async function deleteFromIndexedDB(name: string, options: IndexedDBOptions = {}): Promise<void> {
  const op = 'deleteFromIndexedDB';
  checkName(op, name);
  const db = await openDatabase(op, options);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(name);
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(storageError(op, `deleting '${name}' failed`, tx.error));
    });
  } finally {
    db.close();
  }
}

function checkName(op: string, name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new ValueError(op, `name must be a non-empty string, got ${typeof name === 'string' ? "''" : typeof name}`);
}

function openDatabase(op: string, { database = DEFAULT_DATABASE, indexedDB = (globalThis as { indexedDB?: IDBFactory }).indexedDB }: IndexedDBOptions): Promise<IDBDatabase> {
  if (indexedDB === undefined) {
    return Promise.reject(new NnError(op, 'this runtime has no IndexedDB (globalThis.indexedDB is undefined); in Node use save(model, dir) and load(dir), or pass { indexedDB }'));
  }
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(storageError(op, `cannot open IndexedDB database '${database}'`, request.error));
    request.onblocked = () => reject(new NnError(op, `IndexedDB database '${database}' is blocked: another tab holds an older version open`));
  });
}

function storageError(op: string, what: string, error: DOMException | null): NnError {
  return new NnError(op, error ? `${what}: ${error.name}: ${error.message}` : what);
}
