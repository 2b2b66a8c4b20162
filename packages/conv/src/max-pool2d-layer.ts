import type { Layer } from '@nn/tensor';
import { type IntOrPair, pairJson, toPair } from './geometry';
import { maxPool2d } from './max-pool2d';

/** Options of `maxPool2dLayer` (its kernel size is the first argument). */
export interface MaxPool2dLayerOptions {
  /** Default: the kernel size. */
  readonly stride?: IntOrPair;
  /** Default 0; at most half the kernel size. */
  readonly padding?: IntOrPair;
}

/** `maxPool2d` as a layer without weights (params `{}`): [N, C, H, W] → [N, C, Ho, Wo]. */
export function maxPool2dLayer(kernelSize: IntOrPair, { stride = kernelSize, padding = 0 }: MaxPool2dLayerOptions = {}): Layer<Record<string, never>> {
  const op = 'maxPool2dLayer';
  toPair(op, 'kernelSize', kernelSize, 1);
  toPair(op, 'stride', stride, 1);
  toPair(op, 'padding', padding, 0);
  const options = { kernelSize, stride, padding };
  return {
    kind: 'maxPool2d',
    config: { kernelSize: pairJson(kernelSize), stride: pairJson(stride), padding: pairJson(padding) },
    params: {},
    forward: (x) => maxPool2d(x, options),
  };
}
