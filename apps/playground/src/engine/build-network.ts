import { type Layer, type Rng, activation, dense, dropout, gaussianNoise, sequential } from '@nn/core';
import type { PlaygroundConfig } from './config';

/** The network and where each hidden layer's outputs come out, for drawing every unit's own surface. */
export interface Network {
  /** sequential(…layers): 2 inputs → one score z per point, [N, 1]. */
  readonly model: Layer;
  /** The layers in order (the model's children). */
  readonly layers: readonly Layer[];
  /** For each hidden layer, the index in `layers` of its activation (its units' outputs). */
  readonly hiddenOutputs: readonly number[];
}

/**
 * [gaussianNoise(σ) if inputNoise] → for each hidden layer: dense → activation(neuron) [→ dropout(p)]
 * → dense(…, 1). The output unit's nonlinearity lives in the loss (see outputHead), so the model ends
 * in a score z. Weights start LeCun-normal (dense's default), drawn from `rng`.
 */
export function buildNetwork(config: Pick<PlaygroundConfig, 'hidden' | 'dropout' | 'inputNoise'>, rng: Rng): Network {
  const layers: Layer[] = [];
  const hiddenOutputs: number[] = [];
  if (config.inputNoise > 0) layers.push(gaussianNoise(config.inputNoise));
  let inputs = 2;
  for (const { units, neuron } of config.hidden) {
    layers.push(dense(inputs, units, { rng }));
    layers.push(activation(neuron));
    hiddenOutputs.push(layers.length - 1);
    if (config.dropout > 0) layers.push(dropout(config.dropout));
    inputs = units;
  }
  layers.push(dense(inputs, 1, { rng }));
  return { model: sequential(...layers), layers, hiddenOutputs };
}
