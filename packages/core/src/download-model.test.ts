import { afterEach, describe, expect, it, vi } from 'vitest';
import { activation, dense, sequential } from '@nn/layers';
import { createRng } from '@nn/tensor';
import { downloadModel } from './download-model';
import { modelToFiles } from './model-files';

const mlp = (seed: number) => {
  const rng = createRng(seed);
  return sequential(dense(3, 4, { rng }), activation('relu'), dense(4, 2, { rng }));
};

interface Anchor {
  href: string;
  download: string;
  style: { display?: string };
  clicked: boolean;
  removed: boolean;
  click(): void;
  remove(): void;
}

/** Just enough of a page for downloadModel: anchors that record their click, a body they join. */
function fakePage() {
  const anchors: Anchor[] = [];
  const blobs = new Map<string, Blob>();
  const revoked: string[] = [];
  const document = {
    body: { append: (a: Anchor) => anchors.push(a) },
    createElement: (tag: string) => {
      expect(tag).toBe('a');
      const a: Anchor = { href: '', download: '', style: {}, clicked: false, removed: false, click() { this.clicked = true; }, remove() { this.removed = true; } };
      return a;
    },
  };
  vi.stubGlobal('document', document);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:nn/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  return { anchors, blobs, revoked };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('downloadModel', () => {
  it('offers <name>.json and <name>.safetensors holding modelToFiles\'s bytes, then revokes the URLs', async () => {
    vi.useFakeTimers();
    const { anchors, blobs, revoked } = fakePage();
    const model = mlp(1);
    downloadModel(model, 'digits');
    expect(anchors.map((a) => [a.download, a.clicked, a.removed])).toEqual([['digits.json', true, true], ['digits.safetensors', true, true]]);
    const files = modelToFiles(model, { weightsFile: 'digits.safetensors' });
    expect(await blobs.get(anchors[0].href)!.text()).toBe(files.json);
    expect(JSON.parse(files.json).weights).toBe('digits.safetensors');
    expect(Array.from(new Uint8Array(await blobs.get(anchors[1].href)!.arrayBuffer()))).toEqual(Array.from(files.weights));
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(40_000);
    expect(revoked).toEqual([anchors[0].href, anchors[1].href]);
  });

  it('names the files model.* by default', () => {
    const { anchors } = fakePage();
    downloadModel(mlp(2));
    expect(anchors.map((a) => a.download)).toEqual(['model.json', 'model.safetensors']);
  });

  it('says what to use where there is no page, and refuses a name that is no file name', () => {
    expect(() => downloadModel(mlp(3))).toThrow(
      'downloadModel: needs a browser page (there is no document here); in Node use save(model, dir), or modelToFiles(model) to get the bytes',
    );
    fakePage();
    expect(() => downloadModel(mlp(3), '../up')).toThrow(/^downloadModel: the weights file name must be a plain file name .* got "\.\.\/up\.safetensors"/);
  });
});
