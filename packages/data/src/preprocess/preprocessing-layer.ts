import { type Json, type Layer, type Rng, ValueError } from '@nn/tensor';
import type { FittedPreprocessor, PreprocessorJson } from './preprocessor';
import { preprocessorFromJSON } from './preprocessor-from-json';

/** A preprocessing layer holds no weights: its statistics are constants learned by `fit`. */
export type PreprocessingParams = { readonly [key: string]: never };

/**
 * y = T(x) for a fitted preprocessing step T (z-scores, min-max, PCA, whitening) as the first layer of
 * a model, so the model takes raw samples and `save`/`load` keep the training set's statistics with
 * the weights (as Keras' Normalization layer does). Its config is `fitted.toJSON()`; the gradient does
 * not flow into the statistics, which training never changes.
 */
export function preprocessingLayer(fitted: FittedPreprocessor): Layer<PreprocessingParams> {
  if (fitted === null || typeof fitted !== 'object' || typeof fitted.transform !== 'function' || typeof fitted.toJSON !== 'function') {
    throw new ValueError('preprocessingLayer', 'expected a fitted preprocessor (the result of zScore().fit(train), pca(…).fit(train), …), got '
      + (fitted === null ? 'null' : typeof fitted === 'object' && typeof (fitted as { fit?: unknown }).fit === 'function' ? 'an unfitted one: call .fit(train) first' : typeof fitted));
  }
  const json = fitted.toJSON();
  return {
    kind: 'preprocessing',
    config: { kind: json.kind, config: json.config, state: json.state },
    params: {},
    forward: (x) => fitted.transform(x),
  };
}

/**
 * The builder of 'preprocessing' layers by kind, to merge into a builders table as
 * `{ ...layerBuilders, ...preprocessingLayerBuilders }` (@nn/core's `defaultLayerBuilders` has it).
 */
export const preprocessingLayerBuilders: { readonly [kind: string]: (config: { readonly [key: string]: Json }, rng?: Rng) => Layer } = {
  preprocessing: (config) => preprocessingLayer(preprocessorFromJSON(config as unknown as PreprocessorJson)),
};
