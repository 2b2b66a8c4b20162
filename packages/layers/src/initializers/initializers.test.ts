import { ValueError, createRng, zeros } from '@nn/tensor';
import { describe, expect, it } from 'vitest';
import { constantInit } from './constant-init';
import type { Initializer } from './initializer';
import { buildInitializer, describeInitializer, initializers } from './initializers';
import { lecunNormal } from './lecun-normal';
import { smallUniform } from './small-uniform';

describe('initializers', () => {
  it('rebuilds every built-in initializer from its description', () => {
    for (const [name, factory] of Object.entries(initializers)) {
      const init = factory(name === 'constant' ? { value: 2 } : {});
      const d = describeInitializer(init)!;
      expect(d.name).toBe(name);
      const again = buildInitializer(JSON.parse(JSON.stringify(d)), lecunNormal);
      expect(again([3, 4], { rng: createRng(1) })).toBeAllClose(init([3, 4], { rng: createRng(1) }), { rtol: 0, atol: 0 });
    }
  });
});

describe('describeInitializer', () => {
  it('gives a detached copy of the description, or null for a hand-written initializer', () => {
    const init = smallUniform({ scale: 0.2 });
    const d = describeInitializer(init)!;
    expect(d).toEqual({ name: 'smallUniform', config: { scale: 0.2 } });
    expect(d.config).not.toBe(init.description!.config);
    expect(describeInitializer(((shape) => zeros(shape)) as Initializer)).toBeNull();
  });
});

describe('buildInitializer', () => {
  it('falls back for null, and reads extra names from a given table', () => {
    expect(buildInitializer(null, lecunNormal)).toBe(lecunNormal);
    const table = { ...initializers, half: () => constantInit(0.5) };
    expect(buildInitializer({ name: 'half', config: {} }, lecunNormal, table)([1])).toBeAllClose([0.5]);
  });

  it('refuses unknown names, unknown options and malformed descriptions', () => {
    expect(() => buildInitializer({ name: 'orthogonal', config: {} }, lecunNormal)).toThrow(/unknown initializer 'orthogonal'; known: smallUniform/);
    expect(() => buildInitializer({ name: 'constant', config: { val: 1 } }, lecunNormal)).toThrow(ValueError);
    expect(() => buildInitializer('lecunNormal', lecunNormal)).toThrow(ValueError);
  });
});
