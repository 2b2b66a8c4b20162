import { type Layer, NnError, ValueError, assertSameTree, createRng, mul, tensor, treeLeaves } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { activation } from './activation';
import { activations } from './activations/activations';
import { buildLayer } from './build-layer';
import { dense } from './dense';
import { describeLayer } from './describe-layer';
import { glorotUniform } from './initializers/glorot-uniform';
import { smallNormal } from './initializers/small-normal';
import { constantInit } from './initializers/constant-init';
import { layerBuilders } from './layer-builders';
import { sequential } from './sequential';

/** Every kind and neuron model of this package in one network. */
function everything(rng = createRng(11)): Layer {
  return sequential(
    dense(3, 5, { rng, init: glorotUniform, biasInit: constantInit(0.1) }),
    ...Object.keys(activations).map((name) => activation(name as keyof typeof activations)),
    activation('leakyRelu', { slope: 0.3 }),
    activation('twistedTanh', { a: 0.05 }),
    sequential(dense(5, 4, { rng, init: smallNormal({ scale: 0.2 }), useBias: false }), activation('lecunTanh')),
    dense(4, 2, { rng, dtype: 'float32' }),
  );
}

describe('buildLayer', () => {
  it('rebuilds the architecture from a JSON round trip: same descriptions, params tree and shapes', () => {
    const net = everything();
    const d = JSON.parse(JSON.stringify(describeLayer(net)));
    const twin = buildLayer(d);
    expect(describeLayer(twin)).toEqual(describeLayer(net));
    assertSameTree('test', twin.params, net.params); // throws where structure or shapes differ
    expect(treeLeaves(twin.params)).toHaveLength(5); // w, b; w; w, b
  });

  it('gives the same weights, and so the same function, from the same seed', () => {
    const net = everything(createRng(11));
    const twin = buildLayer(describeLayer(net), { rng: createRng(11) });
    treeLeaves(twin.params).forEach((t, i) => expect(t).toBeAllClose(treeLeaves(net.params)[i], { rtol: 0, atol: 0 }));
    const x = tensor([[0.1, -0.2, 0.3]]);
    expect(twin.forward(x)).toBeAllClose(net.forward(x), { rtol: 0, atol: 0 });
  });

  it('takes more kinds from a table extended by spreading', () => {
    const scale: Layer = { kind: 'scale', config: { factor: 3 }, params: {}, forward: (x) => mul(x, 3) };
    const builders = { ...layerBuilders, scale: (config: { readonly factor?: unknown }) => ({ ...scale, forward: (x: never) => mul(x, config.factor as number) }) };
    const d = describeLayer(sequential(dense(1, 1, { init: constantInit(2) }), scale));
    expect(() => buildLayer(d)).toThrow("buildLayer: unknown layer kind 'scale'; known: dense, activation, sequential");
    expect(buildLayer(d, { builders }).forward(tensor([[1]]))).toBeAllClose([[6]]); // (1·2 + 0)·3
  });

  it('takes more activations from a table extended by spreading', () => {
    const square = () => ({ name: 'square', config: {}, apply: (x: never) => mul(x, x) });
    const d = { kind: 'activation', config: { activation: { name: 'square', config: {} } } };
    expect(() => buildLayer(d)).toThrow(/unknown activation 'square'/);
    expect(buildLayer(d, { activations: { ...activations, square } }).forward(tensor([3]))).toBeAllClose([9]);
  });

  it('rebuilds a hand-written initializer with the default one (weights are loaded apart)', () => {
    const layer = dense(2, 2, { init: (shape, o) => glorotUniform(shape, o) });
    expect(layer.config.init).toBeNull();
    expect(describeLayer(buildLayer(describeLayer(layer))).config.init).toEqual({ name: 'lecunNormal', config: {} });
  });

  it('refuses malformed descriptions with the reason', () => {
    expect(() => buildLayer({ kind: 'dense' } as never)).toThrow(ValueError);
    expect(() => buildLayer(null as never)).toThrow(ValueError);
    expect(() => buildLayer({ kind: 'dense', config: { inFeatures: 2, outFeatures: 2, units: 3 } })).toThrow("dense: unknown option 'units'");
    expect(() => buildLayer({ kind: 'dense', config: { inFeatures: '2', outFeatures: 2 } })).toThrow('dense: inFeatures must be a positive integer, got 2');
    expect(() => buildLayer({ kind: 'sequential', config: { layers: {} } })).toThrow(ValueError);
    expect(() => buildLayer({ kind: 'activation', config: { activation: 'relu' } })).toThrow(ValueError);
    expect(() => buildLayer({ kind: 'x', config: {} }, { builders: { x: () => ({}) as never } })).toThrow(NnError);
  });
});
