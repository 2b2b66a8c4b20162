import { type Json, type Rng, ValueError } from '@nn/tensor';
import { assertConfigKeys } from '../assert-config-keys';
import type { BuildContext, LayerBuilders } from '../build-layer';
import type { LayerDescription } from '../describe-layer';
import { buildInitializer } from '../initializers/initializers';
import { smallUniform } from '../initializers/small-uniform';
import { zerosInit } from '../initializers/zeros-init';
import { assertRecurrent, bidirectional } from './bidirectional';
import { gru } from './gru';
import { lstm } from './lstm';
import type { RecurrentOptions } from './recurrent-options';
import { simpleRnn } from './simple-rnn';

const KEYS = ['inFeatures', 'units', 'returnSequences', 'reverse', 'bpttSteps', 'dtype', 'init', 'recurrentInit', 'biasInit'] as const;

/** The sizes and options a recurrent layer's config holds, with its initializers rebuilt. */
function recurrentArgs(op: string, config: { readonly [key: string]: Json }, rng: Rng | undefined, { initializers }: BuildContext, extra: readonly string[] = []) {
  assertConfigKeys(op, config, [...KEYS, ...extra]);
  const { inFeatures, units, returnSequences = false, reverse = false, bpttSteps = null, dtype = 'float32', init = null, recurrentInit = null, biasInit = null } = config;
  const uniform = smallUniform({ scale: 1 / Math.sqrt(units as number) });
  const options: RecurrentOptions = {
    returnSequences: returnSequences as boolean,
    reverse: reverse as boolean,
    bpttSteps: bpttSteps as number | null,
    dtype: dtype as 'float32',
    init: buildInitializer(init, uniform, initializers),
    recurrentInit: buildInitializer(recurrentInit, uniform, initializers),
    biasInit: buildInitializer(biasInit, zerosInit, initializers),
    rng,
  };
  return [inFeatures as number, units as number, options] as const;
}

/** The builders of the recurrent layers by kind (part of `layerBuilders`). */
export const recurrentLayerBuilders: LayerBuilders = {
  simpleRnn: (config, rng, context) => simpleRnn(...recurrentArgs('simpleRnn', config, rng, context)),

  lstm(config, rng, context) {
    const [inFeatures, units, options] = recurrentArgs('lstm', config, rng, context, ['forgetBias']);
    return lstm(inFeatures, units, { ...options, forgetBias: (config.forgetBias ?? 1) as number });
  },

  gru: (config, rng, context) => gru(...recurrentArgs('gru', config, rng, context)),

  bidirectional(config, _rng, { build }) {
    assertConfigKeys('bidirectional', config, ['merge', 'forward', 'backward']);
    const { merge = 'concat', forward, backward } = config;
    if (forward === undefined || backward === undefined) {
      throw new ValueError('bidirectional', `expected config.forward and config.backward to be layer descriptions, got ${JSON.stringify(config)}`);
    }
    const f = build(forward as LayerDescription);
    const b = build(backward as LayerDescription);
    assertRecurrent('bidirectional', f, 'config.forward');
    assertRecurrent('bidirectional', b, 'config.backward');
    return bidirectional(f, { merge: merge as 'concat', backward: b });
  },
};
