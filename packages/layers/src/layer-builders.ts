import { type Json, ValueError } from '@nn/tensor';
import { activation } from './activation';
import { assertConfigKeys } from './assert-config-keys';
import type { LayerBuilders } from './build-layer';
import { dense } from './dense';
import { isJsonObject } from './is-json-object';
import type { LayerDescription } from './describe-layer';
import { buildInitializer } from './initializers/initializers';
import { lecunNormal } from './initializers/lecun-normal';
import { recurrentLayerBuilders } from './recurrent/recurrent-builders';
import { zerosInit } from './initializers/zeros-init';
import { sequential } from './sequential';

/**
 * The builders of this package's layers by kind, for `buildLayer`. Packages with more layers
 * (@nn/conv) export a table made by spreading this one: `{ ...layerBuilders, conv2d: … }`.
 */
export const layerBuilders: LayerBuilders = {
  dense(config, rng, { initializers }) {
    assertConfigKeys('dense', config, ['inFeatures', 'outFeatures', 'useBias', 'dtype', 'init', 'biasInit']);
    const { inFeatures, outFeatures, useBias = true, dtype = 'float32', init = null, biasInit = null } = config;
    return dense(inFeatures as number, outFeatures as number, {
      useBias: useBias as boolean,
      dtype: dtype as 'float32',
      init: buildInitializer(init, lecunNormal, initializers),
      biasInit: buildInitializer(biasInit, zerosInit, initializers),
      rng,
    });
  },

  activation(config, _rng, { activations }) {
    assertConfigKeys('activation', config, ['activation']);
    const spec = config.activation;
    if (!isJsonObject(spec) || typeof spec.name !== 'string') {
      throw new ValueError('activation', `expected config.activation to be { name, config }, got ${JSON.stringify(spec)}`);
    }
    const factory = Object.hasOwn(activations, spec.name) ? activations[spec.name] : undefined;
    if (factory === undefined) {
      throw new ValueError('activation', `unknown activation '${spec.name}'; known: ${Object.keys(activations).join(', ')} (pass activations: { ...activations, ${spec.name}: … })`);
    }
    return activation(factory((spec.config ?? {}) as { readonly [key: string]: Json }));
  },

  sequential(config, _rng, { build }) {
    assertConfigKeys('sequential', config, ['layers']);
    if (!Array.isArray(config.layers)) {
      throw new ValueError('sequential', `expected config.layers to be a list of descriptions, got ${JSON.stringify(config.layers)}`);
    }
    return sequential(...(config.layers as readonly LayerDescription[]).map((d) => build(d)));
  },

  ...recurrentLayerBuilders,
};
