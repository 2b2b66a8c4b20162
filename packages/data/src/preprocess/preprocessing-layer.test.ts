import { ValueError, createRng, randn, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { minMax } from './min-max';
import { pca } from './pca';
import { preprocessingLayer, preprocessingLayerBuilders } from './preprocessing-layer';
import { whiten } from './whiten';
import { zScore } from './z-score';

const train = randn([40, 4], { rng: createRng(1), dtype: 'float64' });
const raw = randn([7, 4], { rng: createRng(2), dtype: 'float64' });

describe('preprocessingLayer', () => {
  it('applies the fitted transform, holds no weights and ignores training mode', () => {
    for (const fitted of [zScore().fit(train), minMax({ range: [-1, 1] }).fit(train), pca({ components: 2 }).fit(train), whiten().fit(train)]) {
      const layer = preprocessingLayer(fitted);
      expect(layer.kind).toBe('preprocessing');
      expect(layer.params).toEqual({});
      expect(layer.forward(raw)).toBeAllClose(fitted.transform(raw), { rtol: 0, atol: 0 });
      expect(layer.forward(raw, { training: true, rng: createRng(3) })).toBeAllClose(fitted.transform(raw), { rtol: 0, atol: 0 });
    }
  });

  it('is rebuilt from its JSON config with the same statistics', () => {
    const layer = preprocessingLayer(pca({ varianceRatio: 0.9, whiten: true }).fit(train));
    const copy = preprocessingLayerBuilders.preprocessing(JSON.parse(JSON.stringify(layer.config)));
    expect(copy.config).toEqual(layer.config);
    expect(copy.forward(raw)).toBeAllClose(layer.forward(raw), { rtol: 0, atol: 0 });
  });

  it('refuses an unfitted preprocessor and anything else, and a sample of the wrong shape', () => {
    expect(() => preprocessingLayer(zScore() as never)).toThrow(new ValueError('preprocessingLayer', 'expected a fitted preprocessor (the result of zScore().fit(train), pca(…).fit(train), …), got an unfitted one: call .fit(train) first'));
    expect(() => preprocessingLayer(null as never)).toThrow(/got null/);
    expect(() => preprocessingLayer(zScore().fit(train)).forward(tensor([[1, 2, 3]], undefined, 'float64'))).toThrow(/expected samples of shape \[4\]/);
  });
});
