import { describe, expect, it } from 'vitest';
import { type Json, type Layer, type Rng, ValueError, createRng, randn, treeLeaves } from '@nn/tensor';
import { avgPool2dLayer } from './avg-pool2d-layer';
import { convLayerBuilders } from './conv-layer-builders';
import { conv2dLayer } from './conv2d-layer';
import { flattenLayer } from './flatten-layer';
import { lenet5 } from './lenet5';
import { maxPool2dLayer } from './max-pool2d-layer';

/** The builder table type of @nn/layers (`LayerBuilders`), restated: convLayerBuilders must fit into it. */
type LayersBuilderTable = {
  readonly [kind: string]: (config: { readonly [key: string]: Json }, rng: Rng | undefined, context: { build(d: { kind: string; config: { readonly [key: string]: Json } }): Layer }) => Layer;
};
const mergeable: LayersBuilderTable = { ...convLayerBuilders };

/** What save/load does: the description through JSON, rebuilt by kind with a generator. */
function roundTrip(layer: Layer, rng?: Rng): Layer {
  const { kind, config } = JSON.parse(JSON.stringify({ kind: layer.kind, config: layer.config })) as { kind: string; config: { [key: string]: Json } };
  return mergeable[kind](config, rng, { build: () => { throw new Error('not needed'); } });
}

describe('convLayerBuilders', () => {
  it('names a builder for every layer kind of the package', () => {
    expect(Object.keys(convLayerBuilders).sort()).toEqual(['avgPool2d', 'conv2d', 'flatten', 'lenet5', 'maxPool2d']);
  });

  it.each([
    ['conv2d', () => conv2dLayer(2, 3, [3, 2], { stride: [2, 1], padding: 'same', dilation: 1, rng: createRng(5) }), [1, 2, 6, 5]],
    ['conv2d without bias, float64', () => conv2dLayer(2, 1, 2, { useBias: false, dtype: 'float64', rng: createRng(5) }), [1, 2, 4, 4]],
    ['maxPool2d', () => maxPool2dLayer(3, { stride: 2, padding: 1 }), [1, 2, 6, 5]],
    ['avgPool2d', () => avgPool2dLayer([2, 3], { countIncludePad: false, padding: [1, 1] }), [1, 2, 6, 5]],
    ['flatten', () => flattenLayer(), [2, 3, 4]],
    ['lenet5', () => lenet5({ activation: 'tanh', pooling: 'avg', rng: createRng(5) }), [2, 1, 28, 28]],
  ] as const)('rebuilds %s from its JSON description, with the same weights from the same seed', (_, make, inputShape) => {
    const original = make();
    const rebuilt = roundTrip(original, createRng(5));
    expect(rebuilt.kind).toBe(original.kind);
    expect(rebuilt.config).toEqual(original.config);
    const shapes = (l: Layer) => treeLeaves(l.params).map((t) => [t.dtype, ...t.shape]);
    expect(shapes(rebuilt)).toEqual(shapes(original));
    const dtype = (original.config.dtype ?? 'float32') as 'float32';
    const x = randn([...inputShape], { rng: createRng(6), dtype });
    expect(rebuilt.forward(x).dataSync()).toEqual(original.forward(x).dataSync());
  });

  it('fills in the defaults of a minimal config', () => {
    expect(convLayerBuilders.conv2d({ inChannels: 1, outChannels: 2, kernelSize: 3 }, undefined).config).toMatchObject({ stride: 1, padding: 0, useBias: true });
    expect(convLayerBuilders.maxPool2d({ kernelSize: 2 }, undefined).config).toEqual({ kernelSize: 2, stride: 2, padding: 0 });
    expect(convLayerBuilders.lenet5({}, undefined).config).toEqual({ activation: 'relu', pooling: 'max', dtype: 'float32' });
  });

  it('refuses options it does not know, naming the kind', () => {
    expect(() => convLayerBuilders.conv2d({ inChannels: 1, outChannels: 2, kernelSize: 3, strides: 2 }, undefined)).toThrow(
      new ValueError('conv2d', "unknown option 'strides'; it takes 'inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'useBias', 'dtype'"),
    );
    expect(() => convLayerBuilders.flatten({ axis: 1 }, undefined)).toThrow(new ValueError('flatten', "unknown option 'axis'; it takes no options"));
    expect(() => convLayerBuilders.lenet5({ activation: 'elu' }, undefined)).toThrow(ValueError);
  });
});
