import { type Json, type Layer, NnError, type Rng, ValueError } from '@nn/tensor';
import { dropout } from './dropout';
import { gaussianNoise } from './gaussian-noise';
import { stochasticBinary } from './stochastic-binary';
import type { SelectMask } from './select-leaves';
import { type WeightNoiseOptions, weightNoise } from './weight-noise';

/** What `weightNoise`'s builder needs from @nn/layers' build context: a way to build its child. */
export interface RegularizeBuildContext {
  build(description: { readonly kind: string; readonly config: { readonly [key: string]: Json } }): Layer;
}

/** (config, rng, context) → Layer, the builder signature of @nn/layers' `buildLayer`. */
export type RegularizeLayerBuilder = (config: { readonly [key: string]: Json }, rng: Rng | undefined, context?: RegularizeBuildContext) => Layer;

/** Builders by layer kind. */
export type RegularizeLayerBuilders = { readonly [kind: string]: RegularizeLayerBuilder };

/**
 * The builders of this package's layers by kind ('dropout', 'gaussianNoise', 'stochasticBinary',
 * 'weightNoise'), to merge with @nn/layers' table: `buildLayer(d, { builders: { ...layerBuilders,
 * ...regularizeLayerBuilders } })` (@nn/core's `defaultLayerBuilders` includes them). Each refuses
 * options it does not know. A weightNoise layer keeps a
 * `select` given as a mask tree; one given as a predicate cannot be saved, and the rebuilt layer uses the default.
 */
export const regularizeLayerBuilders: RegularizeLayerBuilders = {
  dropout(config) {
    assertKeys('dropout', config, ['rate', 'mode']);
    const { rate, mode = 'inverted' } = config;
    return dropout(rate as number, { mode: mode as 'inverted' });
  },

  gaussianNoise(config) {
    assertKeys('gaussianNoise', config, ['stddev']);
    return gaussianNoise(config.stddev as number);
  },

  stochasticBinary(config) {
    assertKeys('stochasticBinary', config, []);
    return stochasticBinary();
  },

  weightNoise(config, _rng, context) {
    assertKeys('weightNoise', config, ['stddev', 'layer', 'select', 'resample']);
    if (context === undefined || typeof context.build !== 'function') {
      throw new NnError('weightNoise', 'building the wrapped layer needs a build context; use buildLayer from @nn/layers');
    }
    const { stddev, layer, select } = config;
    if (typeof layer !== 'object' || layer === null || Array.isArray(layer) || typeof (layer as { kind?: unknown }).kind !== 'string') {
      throw new ValueError('weightNoise', `expected config.layer to be a description { kind, config }, got ${JSON.stringify(layer)}`);
    }
    const child = context.build(layer as { kind: string; config: { [key: string]: Json } });
    // NOTE: a description without `resample` was saved when one draw per pass was every layer's default
    const resample = (config.resample ?? 'pass') as WeightNoiseOptions['resample'];
    return weightNoise(child, stddev as number, { ...(select === undefined ? {} : { select: select as SelectMask }), resample });
  },
};

function assertKeys(op: string, config: { readonly [key: string]: Json }, known: readonly string[]): void {
  const unknown = Object.keys(config).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new ValueError(op, `unknown config key '${unknown}'; expected ${known.length === 0 ? 'none' : known.join(', ')}`);
  }
}
