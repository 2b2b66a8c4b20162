import { NnError, ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { activation } from './activation';
import { leakyReluActivation } from './activations/leaky-relu';

describe('activation', () => {
  it('applies a neuron model given by name, with no params', () => {
    const layer = activation('relu');
    expect(layer.kind).toBe('activation');
    expect(layer.params).toEqual({});
    expect(layer.config).toEqual({ activation: { name: 'relu', config: {} } });
    expect(layer.forward(tensor([-1, 2]))).toBeAllClose([0, 2]);
  });

  it('passes a config to the named factory', () => {
    const layer = activation('leakyRelu', { slope: 0.2 });
    expect(layer.config).toEqual({ activation: { name: 'leakyRelu', config: { slope: 0.2 } } });
    expect(layer.forward(tensor([-1, 2]))).toBeAllClose([-0.2, 2]);
  });

  it('takes an activation object', () => {
    const layer = activation(leakyReluActivation({ slope: 0.5 }));
    expect(layer.config).toEqual({ activation: { name: 'leakyRelu', config: { slope: 0.5 } } });
    expect(layer.forward(tensor([-1]))).toBeAllClose([-0.5]);
  });

  it('refuses unknown names, misspelt options and stray configs', () => {
    expect(() => activation('swish' as never)).toThrow(ValueError);
    expect(() => activation('swish' as never)).toThrow(/unknown activation 'swish'; known: step, linear/);
    expect(() => activation('leakyRelu', { slop: 0.2 })).toThrow("leakyRelu: unknown option 'slop'; it takes 'slope'");
    expect(() => activation('relu', { slope: 0.2 })).toThrow("relu: unknown option 'slope'; it takes no options");
    expect(() => activation(leakyReluActivation(), { slope: 0.2 })).toThrow(ValueError);
    expect(() => activation({ name: 'x' } as never)).toThrow(ValueError);
  });

  it('refuses an input that is not a tensor', () => {
    expect(() => activation('linear').forward([1, 2] as never)).toThrow(NnError);
  });
});
