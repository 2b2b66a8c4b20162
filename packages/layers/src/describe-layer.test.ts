import { type Layer, NnError, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { activation } from './activation';
import { dense } from './dense';
import { describeLayer } from './describe-layer';
import { sequential } from './sequential';

describe('describeLayer', () => {
  it('gives kind and config as plain JSON, detached from the layer', () => {
    const layer = activation('leakyRelu', { slope: 0.2 });
    const d = describeLayer(layer);
    expect(d).toEqual({ kind: 'activation', config: { activation: { name: 'leakyRelu', config: { slope: 0.2 } } } });
    expect(d.config).not.toBe(layer.config);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('nests the descriptions of a sequential layer', () => {
    const d = describeLayer(sequential(dense(2, 3), sequential(activation('tanh'))));
    expect(d.kind).toBe('sequential');
    expect(d.config.layers).toEqual([
      expect.objectContaining({ kind: 'dense' }),
      { kind: 'sequential', config: { layers: [{ kind: 'activation', config: { activation: { name: 'tanh', config: {} } } }] } },
    ]);
  });

  it('refuses a config that JSON cannot hold, naming where', () => {
    const custom = (config: object): Layer => ({ kind: 'custom', config: config as Layer['config'], params: {}, forward: (x) => x });
    expect(() => describeLayer(custom({ rate: Number.NaN }))).toThrow('describeLayer: custom.config.rate is NaN, which JSON cannot hold');
    expect(() => describeLayer(custom({ fn: () => 1 }))).toThrow(ValueError);
    expect(() => describeLayer(custom({ w: [tensor(1)] }))).toThrow('describeLayer: custom.config.w[0] is an instance of Tensor, which is not JSON');
    expect(() => describeLayer(custom({ x: undefined }))).toThrow(ValueError);
  });

  it('refuses what is not a layer', () => {
    expect(() => describeLayer({ kind: 'dense' } as never)).toThrow(NnError);
  });
});
