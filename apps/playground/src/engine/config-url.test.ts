import { ValueError } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PlaygroundConfig } from './config';
import { configFromQuery, configToQuery } from './config-url';
import { PRESETS } from './presets';

describe('configToQuery / configFromQuery', () => {
  it('round-trips the default and every preset, field for field', () => {
    for (const config of [DEFAULT_CONFIG, ...PRESETS.map((p) => p.config)]) {
      expect(configFromQuery(configToQuery(config))).toEqual(config);
      expect(configFromQuery(`#${configToQuery(config)}`)).toEqual(config);
    }
  });

  it('round-trips a configuration that differs from the defaults everywhere', () => {
    const config: PlaygroundConfig = {
      dataset: 'spirals', samples: 321, noise: 0.05, trainRatio: 0.7, hidden: [{ units: 8, neuron: 'relu' }, { units: 3, neuron: 'step' }],
      output: 'tanh', batchSize: 0, optimizer: 'adam', learningRate: 0.003, momentum: 0.5, rmsAlpha: 0.9, beta1: 0.8, beta2: 0.99,
      schedule: 'cosine', decay: 0.5, decayEpochs: 7, l2: 0.001, l1: 0.0001, dropout: 0.2, inputNoise: 0.1, maxNorm: 3, earlyStopping: 9,
      seed: 42, backend: 'gpu',
    };
    expect(configFromQuery(configToQuery(config))).toEqual(config);
  });

  it('writes the hidden layers as units:neuron pairs and reads an empty list as no hidden layer', () => {
    expect(configToQuery(DEFAULT_CONFIG)).toContain('hidden=4%3Atanh%2C2%3Atanh');
    expect(configFromQuery('hidden=').hidden).toEqual([]);
    expect(configFromQuery('hidden=3:relu').hidden).toEqual([{ units: 3, neuron: 'relu' }]);
  });

  it('keeps the defaults for absent fields', () => {
    expect(configFromQuery('')).toEqual(DEFAULT_CONFIG);
    expect(configFromQuery('?learningRate=0.5')).toEqual({ ...DEFAULT_CONFIG, learningRate: 0.5 });
  });

  it('rejects bad values and unknown keys with a ValueError naming them', () => {
    expect(() => configFromQuery('dataset=iris')).toThrow(ValueError);
    expect(() => configFromQuery('dataset=iris')).toThrow(/dataset must be one of xor, moons.*got "iris"/);
    expect(() => configFromQuery('learningRate=fast')).toThrow(/learningRate must be a number, got "fast"/);
    expect(() => configFromQuery('learningRate=')).toThrow(/learningRate must be a number/);
    expect(() => configFromQuery('samples=2.5')).toThrow(/samples must be an integer in \[8, 2000\], got 2.5/);
    expect(() => configFromQuery('hidden=4-tanh')).toThrow(/units:neuron pairs.*"4-tanh"/);
    expect(() => configFromQuery('hidden=4:sine')).toThrow(/hidden\[0\]\.neuron must be one of/);
    expect(() => configFromQuery('hidden=40:tanh')).toThrow(/hidden\[0\]\.units must be an integer in \[1, 16\], got 40/);
    expect(() => configFromQuery('lr=0.1')).toThrow(/unknown setting 'lr'/);
  });
});
