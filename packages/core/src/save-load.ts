import { nodeBuiltins } from '#node-builtins';
import { convLayerBuilders } from '@nn/conv';
import { preprocessingLayerBuilders } from '@nn/data';
import { type LayerBuilders, type LayerDescription, buildLayer, describeLayer, layerBuilders } from '@nn/layers';
import { ensembleBuilder, regularizeLayerBuilders } from '@nn/regularize';
import { type DType, type Json, type Layer, NnError, type Tensor, tensor } from '@nn/tensor';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { assignWeights, namedLeaves } from './weights';

export const FORMAT = 'nn-model';
export const VERSION = 1;

/** A whole model in plain JSON: its architecture (kinds + configs) and every weight's values. */
export interface ModelJson {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly layer: LayerDescription;
  readonly weights: { readonly [name: string]: { readonly dtype: DType; readonly shape: readonly number[]; readonly data: readonly number[] } };
}

export interface LoadOptions {
  /** Builders by layer kind; default: those of @nn/layers, @nn/conv and @nn/regularize. Spread them to add your own. */
  readonly builders?: LayerBuilders;
}

/** Every layer kind the toolkit knows how to rebuild. */
export const defaultLayerBuilders: LayerBuilders = { ...layerBuilders, ...convLayerBuilders, ...regularizeLayerBuilders, ...preprocessingLayerBuilders, ensemble: ensembleBuilder };

/** The model as JSON; float values survive the round trip bit for bit. */
export function toJSON(model: Layer): ModelJson {
  const weights: Record<string, ModelJson['weights'][string]> = {};
  for (const [name, t] of namedLeaves(model.params)) weights[name] = { dtype: t.dtype, shape: [...t.shape], data: Array.from(t.dataSync()) };
  return { format: FORMAT, version: VERSION, layer: describeLayer(model), weights };
}

/** Rebuilds a model from toJSON's output. */
export function fromJSON(json: ModelJson, { builders = defaultLayerBuilders }: LoadOptions = {}): Layer {
  checkHeader('fromJSON', json);
  const model = buildLayer(json.layer, { builders });
  const weights = new Map<string, Tensor>();
  for (const [name, w] of Object.entries(json.weights ?? {})) weights.set(name, tensor(w.data as number[], w.shape, w.dtype));
  assignWeights('fromJSON', model.params, weights);
  return model;
}

/**
 * Saves `model` into the folder `dir`: `model.json` (format, version, architecture, and the name of
 * the weights file) and `model-<id>.safetensors` (the weights, bit for bit). Crash-safe: whenever the
 * process is killed or the power fails, `dir` holds either the model that was there before or the new
 * one, never neither and never a mix.
 *
 * (1) The weights go into a file of a new name, flushed to disk (fsync); nothing points to it yet.
 * (2) `model.json` is written beside it as a temporary file, flushed, and renamed over the old one: the
 *     one atomic step that switches from the old model to the new. The folder is flushed after it.
 * (3) Only then are the old weights and the leftovers of interrupted saves removed.
 */
export async function save(model: Layer, dir: string): Promise<void> {
  const { fs: { mkdir, open, readdir, rename, rm }, crypto: { randomBytes }, path: { dirname } } = await nodeBuiltins('save');
  const id = randomBytes(6).toString('hex');
  const weightsFile = `model-${id}.safetensors`;
  const writeDurably = async (path: string, data: string | Uint8Array): Promise<void> => {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  const syncFolder = async (path: string): Promise<void> => {
    // NOTE: flushing a folder makes a rename in it durable on Linux and macOS; Windows cannot open one.
    const handle = await open(path, 'r').catch(() => undefined);
    try {
      await handle?.sync();
    } catch {
      // some file systems refuse fsync on folders: the rename is still atomic, only not yet durable
    } finally {
      await handle?.close();
    }
  };
  await mkdir(dir, { recursive: true });
  await syncFolder(dirname(dir));
  await writeDurably(`${dir}/${weightsFile}`, encodeSafetensors(namedLeaves(model.params), { format: FORMAT }));
  const description = { format: FORMAT, version: VERSION, layer: describeLayer(model), weights: weightsFile };
  const pending = `${dir}/model.json.${id}.tmp`;
  await writeDurably(pending, `${JSON.stringify(description, null, 2)}\n`);
  await rename(pending, `${dir}/model.json`);
  await syncFolder(dir);
  for (const file of await readdir(dir)) {
    if (file !== weightsFile && isSaveFile(file)) await rm(`${dir}/${file}`, { force: true });
  }
}

/** Files that `save` writes (or wrote in earlier versions): weights and unfinished descriptions. */
function isSaveFile(file: string): boolean {
  return /^model(-[0-9a-f]+)?\.safetensors$/.test(file) || /^model\.json\.[0-9a-f]+\.tmp$/.test(file);
}

/**
 * Loads a model saved by `save`; a folder that does not match (missing file, wrong weights) is refused
 * with the reason. A save that replaces the model while it is being read is handled by reading again.
 */
export async function load(dir: string, { builders = defaultLayerBuilders }: LoadOptions = {}): Promise<Layer> {
  try {
    return await loadOnce(dir, builders);
  } catch (e) {
    // NOTE: a save finishing between reading model.json and its weights removes the old weights file;
    // model.json then names the new one, so one more read sees a whole model.
    if (!(e instanceof WeightsGoneError)) throw e;
    return await loadOnce(dir, builders);
  }
}

class WeightsGoneError extends NnError {}

async function loadOnce(dir: string, builders: LayerBuilders): Promise<Layer> {
  const { readFile } = (await nodeBuiltins('load')).fs;
  const read = async (file: string, gone?: boolean) => {
    try {
      return await readFile(`${dir}/${file}`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new (gone && code === 'ENOENT' ? WeightsGoneError : NnError)('load', `cannot read ${dir}/${file}: ${code ?? (e as Error).message}`);
    }
  };
  let description: { format?: string; version?: number; layer: LayerDescription; weights?: string };
  try {
    description = JSON.parse((await read('model.json')).toString('utf8'));
  } catch (e) {
    if (e instanceof NnError) throw e;
    throw new NnError('load', `${dir}/model.json is not valid JSON (${(e as Error).message})`);
  }
  checkHeader('load', description);
  const weightsFile = description.weights ?? 'model.safetensors';
  if (typeof weightsFile !== 'string' || !/^[\w.-]+$/.test(weightsFile) || weightsFile.startsWith('.')) {
    throw new NnError('load', `${dir}/model.json names its weights ${JSON.stringify(weightsFile)}, expected a file name in the same folder`);
  }
  const model = buildLayer(description.layer, { builders });
  const bytes = await read(weightsFile, true);
  const { tensors } = decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  assignWeights('load', model.params, tensors);
  return model;
}

export function checkHeader(op: string, json: { format?: string; version?: number; layer?: Json | LayerDescription }): void {
  if (json?.format !== FORMAT) throw new NnError(op, `not an @nn model (format is ${JSON.stringify(json?.format)}, expected '${FORMAT}')`);
  if (json.version !== VERSION) throw new NnError(op, `model format version ${json.version} is not supported (this is version ${VERSION})`);
  if (json.layer === undefined) throw new NnError(op, 'the model description has no layer');
}
