import { DTypeError, NnError, ShapeError, type Tensor, formatShape, isTensor, reshape } from '@nn/tensor';
import { assertFloatTensor } from './assert';
import { conv2d } from './conv2d';
import { type IntOrPair, type Padding, windowGeometry } from './geometry';

export interface ConvolveOptions {
  /** As in `conv2d`; default 'same' (the output keeps the image's size; zeros beyond the border). */
  readonly padding?: Padding;
  /** Default 1. */
  readonly stride?: IntOrPair;
}

/**
 * Applies a filter kernel [kh, kw] to each channel of an image [H, W] or [C, H, W] on its own (no
 * mixing between channels), as cross-correlation like `conv2d`; the result has the image's rank.
 * With the default padding 'same', the border pixels see zeros outside the image.
 */
export function convolve(image: Tensor, kernel: Tensor, { padding = 'same', stride = 1 }: ConvolveOptions = {}): Tensor {
  const op = 'convolve';
  if (!isTensor(image)) throw new NnError(op, `expected the image to be a Tensor, got ${image === null ? 'null' : typeof image}`);
  if (image.rank !== 2 && image.rank !== 3) throw new ShapeError(op, `expected an image of shape [H,W] or [C,H,W], got ${formatShape(image.shape)}`);
  assertFloatTensor(op, image, 'image', image.rank, '[H,W] or [C,H,W]');
  assertFloatTensor(op, kernel, 'kernel', 2, '[kh,kw]');
  if (kernel.dtype !== image.dtype) throw new DTypeError(op, `image is ${image.dtype} but the kernel is ${kernel.dtype}; make both one dtype`);
  const [c, h, w] = image.rank === 2 ? [1, ...image.shape] : image.shape;
  const [kh, kw] = kernel.shape;
  if (kh === 0 || kw === 0) throw new ShapeError(op, `expected a non-empty kernel, got ${formatShape(kernel.shape)}`);
  const g = windowGeometry(op, [c, 1, h, w], [kh, kw], { stride, padding, dilation: 1 }, image.shape); // validates, naming this op
  const y = conv2d(reshape(image, [c, 1, h, w]), reshape(kernel, [1, 1, kh, kw]), null, { stride, padding });
  return reshape(y, image.rank === 2 ? [g.ho, g.wo] : [c, g.ho, g.wo]);
}
