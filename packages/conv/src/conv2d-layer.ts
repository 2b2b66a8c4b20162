import { DTypeError, type FloatDType, type Layer, type Rng, type Tensor, ValueError, randn, zeros } from '@nn/tensor';
import { type Conv2dOptions, conv2d } from './conv2d';
import { type IntOrPair, assertPadding, pairJson, toPair } from './geometry';

export interface Conv2dLayerOptions extends Conv2dOptions {
  /** The generator the weights are drawn from; default: @nn/tensor's process-wide one (seeded with 0). */
  readonly rng?: Rng;
  /** Dtype of the weights, and so of the inputs it accepts. Default 'float32'. */
  readonly dtype?: FloatDType;
  /** Whether to add a bias per output channel. Default true. */
  readonly useBias?: boolean;
}

/** The weights of a conv2d layer: w is [O, C, kh, kw], b is [O]. */
export type Conv2dParams = { w: Tensor; b: Tensor };

/**
 * A convolutional layer: y = conv2d(x, w, b) with x [N, C, H, W] → y [N, O, Ho, Wo] (see `conv2d`
 * for stride, padding, dilation and the output size). w starts LeCun-normal by fan-in,
 * N(0, 1/(C·kh·kw)), so each output starts with unit variance for unit-variance inputs; b starts at 0.
 * `forward` reads `params` at call time, so optimizers update the layer by replacing its leaves.
 * @see Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", 1998, §4.6 (the initialization)
 */
export function conv2dLayer(inChannels: number, outChannels: number, kernelSize: IntOrPair, options: Conv2dLayerOptions & { readonly useBias: false }): Layer<{ w: Tensor }>;
export function conv2dLayer(inChannels: number, outChannels: number, kernelSize: IntOrPair, options?: Conv2dLayerOptions & { readonly useBias?: true }): Layer<Conv2dParams>;
export function conv2dLayer(inChannels: number, outChannels: number, kernelSize: IntOrPair, options?: Conv2dLayerOptions): Layer<{ w: Tensor; b?: Tensor }>;
export function conv2dLayer(
  inChannels: number,
  outChannels: number,
  kernelSize: IntOrPair,
  { stride = 1, padding = 0, dilation = 1, rng, dtype = 'float32', useBias = true }: Conv2dLayerOptions = {},
): Layer<{ w: Tensor; b?: Tensor }> {
  const op = 'conv2dLayer';
  for (const [what, n] of [['inChannels', inChannels], ['outChannels', outChannels]] as const) {
    if (!(Number.isInteger(n) && n >= 1)) throw new ValueError(op, `${what} must be a positive integer, got ${String(n)}`);
  }
  const [kh, kw] = toPair(op, 'kernelSize', kernelSize, 1);
  toPair(op, 'stride', stride, 1);
  toPair(op, 'dilation', dilation, 1);
  assertPadding(op, padding);
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(op, `dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  if (typeof useBias !== 'boolean') throw new ValueError(op, `useBias must be true or false, got ${String(useBias)}`);
  const fanIn = inChannels * kh * kw;
  const w = randn([outChannels, inChannels, kh, kw], { rng, dtype, std: 1 / Math.sqrt(fanIn) });
  const params: { w: Tensor; b?: Tensor } = useBias ? { w, b: zeros([outChannels], dtype) } : { w };
  const options = { stride, padding, dilation };
  return {
    kind: 'conv2d',
    config: {
      inChannels,
      outChannels,
      kernelSize: pairJson(kernelSize),
      stride: pairJson(stride),
      padding: typeof padding === 'string' ? padding : pairJson(padding),
      dilation: pairJson(dilation),
      useBias,
      dtype,
    },
    params,
    forward: (x) => conv2d(x, params.w, params.b ?? null, options),
  };
}
