import { convLayerBuilders } from '@nn/conv';
import { type LayerBuilders, type LayerDescription, buildLayer, describeLayer, layerBuilders } from '@nn/layers';
import { type DType, type Json, type Layer, NnError, type Tensor, tensor } from '@nn/tensor';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { assignWeights, namedLeaves } from './weights';

const FORMAT = 'nn-model';
const VERSION = 1;

/** A whole model in plain JSON: its architecture (kinds + configs) and every weight's values. */
export interface ModelJson {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly layer: LayerDescription;
  readonly weights: { readonly [name: string]: { readonly dtype: DType; readonly shape: readonly number[]; readonly data: readonly number[] } };
}

export interface LoadOptions {
  /** Builders by layer kind; default: those of @nn/layers and @nn/conv. Spread them to add your own. */
  readonly builders?: LayerBuilders;
}

/** Every layer kind the toolkit knows how to rebuild. */
export const defaultLayerBuilders: LayerBuilders = { ...layerBuilders, ...convLayerBuilders };

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
 * Saves `model` into the folder `dir`: `model.json` (format, version, architecture) and
 * `model.safetensors` (the weights, bit for bit). Writes into a temporary folder first and renames it,
 * so an interrupted save never leaves something that looks like a finished model.
 */
export async function save(model: Layer, dir: string): Promise<void> {
  const { mkdir, rename, rm, writeFile } = await import('node:fs/promises');
  const { existsSync } = await import('node:fs');
  const temp = `${dir}.saving-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  const description = { format: FORMAT, version: VERSION, layer: describeLayer(model), weights: 'model.safetensors' };
  await writeFile(`${temp}/model.safetensors`, encodeSafetensors(namedLeaves(model.params), { format: FORMAT }));
  await writeFile(`${temp}/model.json`, `${JSON.stringify(description, null, 2)}\n`);
  if (existsSync(dir)) {
    const old = `${dir}.replaced-${process.pid}`;
    await rename(dir, old);
    await rename(temp, dir);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(temp, dir);
  }
}

/** Loads a model saved by `save`; a folder that does not match (missing file, wrong weights) is refused with the reason. */
export async function load(dir: string, { builders = defaultLayerBuilders }: LoadOptions = {}): Promise<Layer> {
  const { readFile } = await import('node:fs/promises');
  const read = async (file: string) => {
    try {
      return await readFile(`${dir}/${file}`);
    } catch (e) {
      throw new NnError('load', `cannot read ${dir}/${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
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
  const model = buildLayer(description.layer, { builders });
  const bytes = await read(description.weights ?? 'model.safetensors');
  const { tensors } = decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  assignWeights('load', model.params, tensors);
  return model;
}

function checkHeader(op: string, json: { format?: string; version?: number; layer?: Json | LayerDescription }): void {
  if (json?.format !== FORMAT) throw new NnError(op, `not an @nn model (format is ${JSON.stringify(json?.format)}, expected '${FORMAT}')`);
  if (json.version !== VERSION) throw new NnError(op, `model format version ${json.version} is not supported (this is version ${VERSION})`);
  if (json.layer === undefined) throw new NnError(op, 'the model description has no layer');
}
