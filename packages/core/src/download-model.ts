import { type Layer, NnError } from '@nn/tensor';
import { checkWeightsFile, modelToFiles } from './model-files';

/** How long a download's Blob URL is kept before it is revoked (FileSaver.js waits 40 s too). */
const REVOKE_AFTER_MS = 40_000;

/**
 * Offers `model` for download as the two files `save` writes: `<name>.json` (model.json, naming its
 * weights file) and `<name>.safetensors`, each through an `<a download>` clicked on a Blob URL.
 * Browser only (it needs `document`). The files come back with `modelFromFiles`, or with `load` on a
 * folder holding them, the first renamed model.json.
 */
export function downloadModel(model: Layer, name = 'model'): void {
  const op = 'downloadModel';
  checkWeightsFile(op, `${name}.safetensors`);
  const doc = (globalThis as { document?: Document }).document;
  if (doc === undefined) throw new NnError(op, 'needs a browser page (there is no document here); in Node use save(model, dir), or modelToFiles(model) to get the bytes');
  const { json, weights } = modelToFiles(model, { weightsFile: `${name}.safetensors` });
  offer(doc, `${name}.json`, new Blob([json], { type: 'application/json' }));
  offer(doc, `${name}.safetensors`, new Blob([weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
}

function offer(doc: Document, fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // NOTE: revoking at once can cancel a download the browser has not started reading yet.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
