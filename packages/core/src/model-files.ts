import { describeLayer, buildLayer, type LayerDescription } from '@nn/layers';
import { type Layer, NnError, ValueError } from '@nn/tensor';
import { FORMAT, type LoadOptions, VERSION, checkHeader, defaultLayerBuilders } from './save-load';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { assignWeights, namedLeaves } from './weights';

/** A model as the two files `save` writes: model.json's text and the safetensors bytes. */
export interface ModelFiles {
  /** model.json: format, version, architecture (kinds + configs) and the weights file's name. */
  readonly json: string;
  /** The weights in the safetensors format, bit for bit. */
  readonly weights: Uint8Array;
}

export interface ModelToFilesOptions {
  /** The weights file's name that model.json records; default 'model.safetensors'. */
  readonly weightsFile?: string;
}

/**
 * The model as the two files `save` writes to a folder (model.json + safetensors weights), in memory:
 * for a download, IndexedDB, or any storage that keeps text and bytes. modelFromFiles reverses it,
 * and so does `load` on a folder holding them as model.json and `weightsFile`.
 */
export function modelToFiles(model: Layer, { weightsFile = 'model.safetensors' }: ModelToFilesOptions = {}): ModelFiles {
  checkWeightsFile('modelToFiles', weightsFile);
  const weights = encodeSafetensors(namedLeaves(model.params), { format: FORMAT });
  const description = { format: FORMAT, version: VERSION, layer: describeLayer(model), weights: weightsFile };
  return { json: `${JSON.stringify(description, null, 2)}\n`, weights };
}

/**
 * Rebuilds a model from model.json's text and the safetensors bytes (modelToFiles's output, the files
 * `save` wrote, or files the user picked: `modelFromFiles(await json.text(), await weights.arrayBuffer())`).
 * The weights name inside model.json is not followed: the bytes are the ones given.
 */
export function modelFromFiles(json: string, weights: Uint8Array | ArrayBuffer, { builders = defaultLayerBuilders }: LoadOptions = {}): Layer {
  const op = 'modelFromFiles';
  if (typeof json !== 'string') throw new ValueError(op, `json must be model.json's text (a string), got ${describe(json)}`);
  // NOTE: not instanceof: bytes from IndexedDB, a worker or an iframe come from another realm.
  const tag = Object.prototype.toString.call(weights);
  // a plain Uint8Array over the same memory: a Node Buffer's slice() would not copy (decodeSafetensors copies with it)
  const bytes = tag === '[object Uint8Array]' ? new Uint8Array((weights as Uint8Array).buffer, (weights as Uint8Array).byteOffset, (weights as Uint8Array).byteLength)
    : tag === '[object ArrayBuffer]' ? new Uint8Array(weights as ArrayBuffer) : undefined;
  if (bytes === undefined) throw new ValueError(op, `weights must be the safetensors bytes (a Uint8Array or an ArrayBuffer), got ${describe(weights)}`);
  let description: { format?: string; version?: number; layer: LayerDescription };
  try {
    description = JSON.parse(json);
  } catch (e) {
    throw new NnError(op, `model.json is not valid JSON (${(e as Error).message})`);
  }
  checkHeader(op, description);
  const model = buildLayer(description.layer, { builders });
  assignWeights(op, model.params, decodeSafetensors(bytes).tensors);
  return model;
}

/** A weights file name model.json may record: one file in the same folder (what `load` accepts). */
export function checkWeightsFile(op: string, name: string): void {
  if (typeof name !== 'string' || !/^[\w.-]+$/.test(name) || name.startsWith('.')) {
    throw new ValueError(op, `the weights file name must be a plain file name (letters, digits, _ . -, not starting with '.'), got ${JSON.stringify(name)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'object';
}
