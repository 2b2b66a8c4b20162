import { type Json, type Layer, type Rng, ValueError } from '@nn/tensor';
import { type ActivationFactories, activations } from './activations/activations';
import { type LayerDescription, assertLayer } from './describe-layer';
import { type InitializerFactories, initializers } from './initializers/initializers';
import { layerBuilders } from './layer-builders';

/** What a builder may need besides its config and generator. */
export interface BuildContext {
  /** Builds a nested description with the same tables and generator (how `sequential` builds its children). */
  build(description: LayerDescription): Layer;
  readonly activations: ActivationFactories;
  readonly initializers: InitializerFactories;
}

/**
 * (config, rng) → Layer: builds one kind of layer from its config. `rng` (possibly undefined) is
 * what its initializers draw from; `context` serves layers that nest others or name activations.
 */
export type LayerBuilder = (config: { readonly [key: string]: Json }, rng: Rng | undefined, context: BuildContext) => Layer;

/** Builders by layer kind. */
export type LayerBuilders = { readonly [kind: string]: LayerBuilder };

export interface BuildLayerOptions {
  /** Builders by kind. Default `layerBuilders`; extend by spreading: `{ ...layerBuilders, conv2d: … }`. */
  readonly builders?: LayerBuilders;
  /** The generator for fresh weights, consumed in the order the layers were described. */
  readonly rng?: Rng;
  /** Default `activations`. */
  readonly activations?: ActivationFactories;
  /** Default `initializers`. */
  readonly initializers?: InitializerFactories;
}

/**
 * The layer a description (`describeLayer`, possibly after a JSON round trip) stands for, with
 * freshly initialized weights: the same kinds, configs, and params tree and shapes. Given a
 * generator seeded as the original's was, the weights come out the same too.
 */
export function buildLayer(
  description: LayerDescription,
  { builders = layerBuilders, rng, activations: activationTable = activations, initializers: initializerTable = initializers }: BuildLayerOptions = {},
): Layer {
  const context: BuildContext = {
    build(d) {
      const { kind, config } = d ?? ({} as LayerDescription);
      if (typeof kind !== 'string' || typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new ValueError('buildLayer', `expected a description { kind, config }, got ${JSON.stringify(d)}`);
      }
      const builder = Object.hasOwn(builders, kind) ? builders[kind] : undefined;
      if (builder === undefined) {
        throw new ValueError('buildLayer', `unknown layer kind '${kind}'; known: ${Object.keys(builders).join(', ')} (add a builder: { ...layerBuilders, ${kind}: … })`);
      }
      const layer = builder(config, rng, context);
      assertLayer('buildLayer', layer, `the '${kind}' builder's result`);
      return layer;
    },
    activations: activationTable,
    initializers: initializerTable,
  };
  return context.build(description);
}
