import { createRng } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { buildLayer } from './build-layer';
import { layerBuilders } from './layer-builders';

describe('layerBuilders', () => {
  it('builds dense, activation, sequential and recurrent layers from configs', () => {
    expect(Object.keys(layerBuilders)).toEqual(['dense', 'activation', 'sequential', 'simpleRnn', 'lstm', 'gru', 'bidirectional']);
    const build = (d: { kind: string; config: {} }) => buildLayer(d);
    const context = { build, activations: {}, initializers: {} };
    const d = layerBuilders.dense({ inFeatures: 2, outFeatures: 3 }, createRng(0), { ...context });
    expect(d.config).toMatchObject({ inFeatures: 2, outFeatures: 3, useBias: true, dtype: 'float32', init: { name: 'lecunNormal', config: {} } });
    expect(d.params).toMatchObject({ w: { shape: [2, 3] }, b: { shape: [3] } });
    const s = layerBuilders.sequential({ layers: [{ kind: 'activation', config: { activation: { name: 'relu' } } }] }, undefined, context);
    expect(s.config).toEqual({ layers: [{ kind: 'activation', config: { activation: { name: 'relu', config: {} } } }] });
  });
});
