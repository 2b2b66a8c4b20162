import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pca, preprocessingLayer, zScore } from '@nn/data';
import { dense, sequential } from '@nn/layers';
import { createRng, randn } from '@nn/tensor';
import { load, save } from './save-load';

describe('save / load with a preprocessing layer', () => {
  it('keeps the training statistics with the weights: the loaded model maps raw samples the same way', async () => {
    const rng = createRng(1);
    const train = randn([50, 6], { rng });
    for (const fitted of [zScore().fit(train), pca({ components: 3, whiten: true }).fit(train)]) {
      const model = sequential(preprocessingLayer(fitted), dense(fitted.kind === 'pca' ? 3 : 6, 2, { rng }));
      const dir = await mkdtemp(join(tmpdir(), 'nn-preprocessing-'));
      try {
        await save(model, dir);
        const loaded = await load(dir);
        const raw = randn([5, 6], { rng: createRng(2) });
        expect(loaded.forward(raw)).toBeAllClose(model.forward(raw), { rtol: 0, atol: 0 });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  });
});
