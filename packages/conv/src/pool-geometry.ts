import { ValueError, formatShape } from '@nn/tensor';
import { assertFloatTensor } from './assert';
import { type WindowGeometry, toPair, windowGeometry } from './geometry';
import type { Pool2dOptions } from './pool2d-options';

/** Checks a pooling op's input and options and resolves them into a WindowGeometry (dilation 1). */
export function poolGeometry(op: string, x: unknown, options: Pool2dOptions): WindowGeometry {
  assertFloatTensor(op, x, 'input', 4, '[N,C,H,W]');
  if (typeof options !== 'object' || options === null) {
    throw new ValueError(op, `expected options { kernelSize, stride?, padding? }, got ${String(options)}`);
  }
  const { kernelSize, stride = kernelSize, padding = 0 } = options;
  const kernel = toPair(op, 'kernelSize', kernelSize, 1);
  const pads = toPair(op, 'padding', padding, 0);
  if (pads[0] > kernel[0] / 2 || pads[1] > kernel[1] / 2) {
    // NOTE: PyTorch's rule too: with more, a window could hold padding only.
    throw new ValueError(op, `padding must be at most half the kernel size, got padding ${formatShape(pads)} for kernel ${formatShape(kernel)}`);
  }
  return windowGeometry(op, x.shape, kernel, { stride, padding, dilation: 1 });
}
