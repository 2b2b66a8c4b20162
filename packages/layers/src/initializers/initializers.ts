import { type Json, ValueError } from '@nn/tensor';
import { assertConfigKeys } from '../assert-config-keys';
import { isJsonObject } from '../is-json-object';
import { constantInit } from './constant-init';
import { glorotUniform } from './glorot-uniform';
import { heNormal } from './he-normal';
import type { Initializer, InitializerDescription } from './initializer';
import { lecunNormal } from './lecun-normal';
import { lecunUniform } from './lecun-uniform';
import { smallNormal } from './small-normal';
import { smallUniform } from './small-uniform';
import { zerosInit } from './zeros-init';

/** Rebuilds an initializer from its description's config; throws a ValueError on an unknown option. */
export type InitializerFactory = (config: { readonly [key: string]: Json }) => Initializer;

/** Initializer factories by name, as `buildInitializer` and `buildLayer` look them up. */
export type InitializerFactories = { readonly [name: string]: InitializerFactory };

/**
 * Every built-in initializer by its description's name. Extend it by spreading into a new table
 * (`{ ...initializers, orthogonal: … }`) and pass that to `buildLayer`.
 */
export const initializers: InitializerFactories = {
  smallUniform: factory('smallUniform', ['scale'], ({ scale }) => smallUniform({ scale: scale as number | undefined })),
  smallNormal: factory('smallNormal', ['scale'], ({ scale }) => smallNormal({ scale: scale as number | undefined })),
  lecunUniform: factory('lecunUniform', [], () => lecunUniform),
  lecunNormal: factory('lecunNormal', [], () => lecunNormal),
  glorotUniform: factory('glorotUniform', [], () => glorotUniform),
  heNormal: factory('heNormal', [], () => heNormal),
  zeros: factory('zeros', [], () => zerosInit),
  constant: factory('constant', ['value'], ({ value }) => constantInit(value as number)),
};

/** A factory that checks its config's keys before building. */
function factory(name: string, keys: readonly string[], make: InitializerFactory): InitializerFactory {
  return (config) => {
    assertConfigKeys(name, config, keys);
    return make(config);
  };
}

/** The JSON that stands for `init` in a layer config: its description, or `null` for a hand-written one. */
export function describeInitializer(init: Initializer): InitializerDescription | null {
  const d = init.description;
  return d === undefined ? null : { name: d.name, config: JSON.parse(JSON.stringify(d.config)) as InitializerDescription['config'] };
}

/**
 * The initializer a layer config names (`{ name, config }`), looked up in `table`; `fallback` for
 * `null` (an initializer that could not be described).
 */
export function buildInitializer(
  description: Json | undefined,
  fallback: Initializer,
  table: InitializerFactories = initializers,
): Initializer {
  if (description === null || description === undefined) return fallback;
  if (!isJsonObject(description) || typeof description.name !== 'string') {
    throw new ValueError('buildInitializer', `expected { name, config } or null, got ${JSON.stringify(description)}`);
  }
  const { name, config = {} } = description as { name: string; config?: { readonly [key: string]: Json } };
  const factory = Object.hasOwn(table, name) ? table[name] : undefined;
  if (factory === undefined) {
    throw new ValueError('buildInitializer', `unknown initializer '${name}'; known: ${Object.keys(table).join(', ')}`);
  }
  return factory(config);
}
