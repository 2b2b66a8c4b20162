import { type Json, type Layer, NnError, ValueError, createRng, randn } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { dropout } from './dropout';
import { gaussianNoise } from './gaussian-noise';
import { regularizeLayerBuilders } from './regularize-layer-builders';
import { stochasticBinary } from './stochastic-binary';
import { testLinear } from './test-helpers';
import { weightNoise } from './weight-noise';

/** What @nn/layers' buildLayer passes builders: here one that knows the test layer only. */
const context = {
  build: ({ kind, config }: { readonly kind: string; readonly config: { readonly [key: string]: Json } }): Layer => {
    if (kind !== 'testLinear') throw new Error(`unexpected kind ${kind}`);
    return testLinear(config.inFeatures as number, config.outFeatures as number, createRng(0));
  },
};
const rebuild = (layer: Layer) => regularizeLayerBuilders[layer.kind](JSON.parse(JSON.stringify(layer.config)), undefined, context);

describe('regularizeLayerBuilders', () => {
  it('rebuilds each layer from its kind and config', () => {
    const x = randn([2, 3], { rng: createRng(1) });
    for (const layer of [dropout(0.3), dropout(0.6, { mode: 'scale-at-test' }), gaussianNoise(0.2), stochasticBinary()]) {
      const copy = rebuild(layer);
      expect(copy.kind).toBe(layer.kind);
      expect(copy.config).toEqual(layer.config);
      const train = (l: Layer) => l.forward(x, { training: true, rng: createRng(2) });
      expect(train(copy)).toBeAllClose(train(layer), { rtol: 0, atol: 0 });
      expect(copy.forward(x)).toBeAllClose(layer.forward(x), { rtol: 0, atol: 0 });
    }
  });

  it('rebuilds weightNoise around its child, keeping a mask select', () => {
    const layer = weightNoise(testLinear(3, 2, createRng(0)), 0.1, { select: { w: false, b: true } });
    const copy = rebuild(layer);
    expect(copy.config).toEqual(layer.config);
    expect(Object.keys(copy.params)).toEqual(['w', 'b']);
    expect(copy.params).toBe((copy as typeof layer).layer.params);
  });

  it('refuses unknown config keys, a bad child description and a missing build context', () => {
    expect(() => regularizeLayerBuilders.dropout({ rate: 0.5, p: 0.5 }, undefined)).toThrow("dropout: unknown config key 'p'; expected rate, mode");
    expect(() => regularizeLayerBuilders.dropout({ rate: 1 }, undefined)).toThrow(ValueError);
    expect(() => regularizeLayerBuilders.weightNoise({ stddev: 0.1, layer: 3 }, undefined, context)).toThrow(ValueError);
    expect(() => regularizeLayerBuilders.weightNoise({ stddev: 0.1, layer: { kind: 'testLinear', config: {} } }, undefined)).toThrow(NnError);
  });
});
