import type { FloatDType, Json, Layer, Rng } from '@nn/tensor';
import { assertConfigKeys } from './assert';
import { avgPool2dLayer } from './avg-pool2d-layer';
import { conv2dLayer } from './conv2d-layer';
import { flattenLayer } from './flatten-layer';
import type { IntOrPair, Padding } from './geometry';
import { lenet5 } from './lenet5';
import { maxPool2dLayer } from './max-pool2d-layer';

/**
 * (config, rng) → Layer, the builder signature of @nn/layers' `buildLayer` (which passes a build
 * context third; these builders need none). `rng` is what fresh weights are drawn from.
 */
export type ConvLayerBuilder = (config: { readonly [key: string]: Json }, rng: Rng | undefined, context?: unknown) => Layer;

/** Builders by layer kind. */
export type ConvLayerBuilders = { readonly [kind: string]: ConvLayerBuilder };

/**
 * The builders of this package's layers by kind ('conv2d', 'maxPool2d', 'avgPool2d', 'flatten',
 * 'lenet5'), to merge with @nn/layers' table: `buildLayer(d, { builders: { ...layerBuilders, ...convLayerBuilders } })`.
 * Each refuses options it does not know.
 */
export const convLayerBuilders: ConvLayerBuilders = {
  conv2d(config, rng) {
    assertConfigKeys('conv2d', config, ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'useBias', 'dtype']);
    const { inChannels, outChannels, kernelSize, stride = 1, padding = 0, dilation = 1, useBias = true, dtype = 'float32' } = config;
    return conv2dLayer(inChannels as number, outChannels as number, kernelSize as IntOrPair, {
      stride: stride as IntOrPair,
      padding: padding as Padding,
      dilation: dilation as IntOrPair,
      useBias: useBias as boolean,
      dtype: dtype as FloatDType,
      rng,
    });
  },

  maxPool2d(config) {
    assertConfigKeys('maxPool2d', config, ['kernelSize', 'stride', 'padding']);
    const { kernelSize, stride = kernelSize, padding = 0 } = config;
    return maxPool2dLayer(kernelSize as IntOrPair, { stride: stride as IntOrPair, padding: padding as IntOrPair });
  },

  avgPool2d(config) {
    assertConfigKeys('avgPool2d', config, ['kernelSize', 'stride', 'padding', 'countIncludePad']);
    const { kernelSize, stride = kernelSize, padding = 0, countIncludePad = true } = config;
    return avgPool2dLayer(kernelSize as IntOrPair, { stride: stride as IntOrPair, padding: padding as IntOrPair, countIncludePad: countIncludePad as boolean });
  },

  flatten(config) {
    assertConfigKeys('flatten', config, []);
    return flattenLayer();
  },

  lenet5(config, rng) {
    assertConfigKeys('lenet5', config, ['activation', 'pooling', 'dtype']);
    const { activation = 'relu', pooling = 'max', dtype = 'float32' } = config;
    return lenet5({ activation: activation as 'relu', pooling: pooling as 'max', dtype: dtype as FloatDType, rng });
  },
};
