import { type Layer, ValueError } from '@nn/tensor';
import { avgPool2d } from './avg-pool2d';
import { type IntOrPair, pairJson, toPair } from './geometry';

/** Options of `avgPool2dLayer` (its kernel size is the first argument). */
export interface AvgPool2dLayerOptions {
  /** Default: the kernel size. */
  readonly stride?: IntOrPair;
  /** Default 0; at most half the kernel size. */
  readonly padding?: IntOrPair;
  /** Whether padded zeros count in the average (PyTorch's default). Default true. */
  readonly countIncludePad?: boolean;
}

/** `avgPool2d` as a layer without weights (params `{}`): [N, C, H, W] → [N, C, Ho, Wo]. */
export function avgPool2dLayer(
  kernelSize: IntOrPair,
  { stride = kernelSize, padding = 0, countIncludePad = true }: AvgPool2dLayerOptions = {},
): Layer<Record<string, never>> {
  const op = 'avgPool2dLayer';
  toPair(op, 'kernelSize', kernelSize, 1);
  toPair(op, 'stride', stride, 1);
  toPair(op, 'padding', padding, 0);
  if (typeof countIncludePad !== 'boolean') throw new ValueError(op, `countIncludePad must be true or false, got ${String(countIncludePad)}`);
  const options = { kernelSize, stride, padding, countIncludePad };
  return {
    kind: 'avgPool2d',
    config: { kernelSize: pairJson(kernelSize), stride: pairJson(stride), padding: pairJson(padding), countIncludePad },
    params: {},
    forward: (x) => avgPool2d(x, options),
  };
}
