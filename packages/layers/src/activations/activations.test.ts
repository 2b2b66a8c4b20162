import { ValueError, tensor } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { activations } from './activations';

describe('activations', () => {
  it('holds every neuron model of the course, each under its own name', () => {
    expect(Object.keys(activations)).toEqual(['step', 'linear', 'logistic', 'tanh', 'lecunTanh', 'twistedTanh', 'relu', 'leakyRelu', 'softplus', 'softmax']);
    for (const [name, factory] of Object.entries(activations)) expect(factory().name).toBe(name);
  });

  it('rebuilds an activation from its name and config', () => {
    const x = tensor([[-2, -0.5, 0.5, 2]]);
    for (const factory of Object.values(activations)) {
      const a = factory(factory === activations.leakyRelu ? { slope: 0.3 } : undefined);
      const b = activations[a.name as keyof typeof activations](JSON.parse(JSON.stringify(a.config)));
      expect(b.config).toEqual(a.config);
      expect(b.apply(x)).toBeAllClose(a.apply(x));
    }
  });

  it('refuses unknown options and bad values', () => {
    expect(() => activations.twistedTanh({ alpha: 0.1 })).toThrow("twistedTanh: unknown option 'alpha'; it takes 'a'");
    expect(() => activations.leakyRelu({ slope: '0.1' })).toThrow(ValueError);
    expect(() => activations.relu([] as never)).toThrow(ValueError);
  });
});
