import { ShapeError, type Shape } from '@nn/tensor';

/** The number of inputs and outputs a weight tensor connects, for scaling its initial values. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * Fan-in and fan-out of a weight shape, by layout:
 * - `[in, out]` (dense, as `dense` stores W): fanIn = in, fanOut = out;
 * - `[outC, inC, k₁, k₂, …]` (convolution kernels, channels first): fanIn = inC·k₁·k₂·…,
 *   fanOut = outC·k₁·k₂·… — each output unit sees inC·k₁·k₂ inputs;
 * - `[n]` (a bias or a gain): fanIn = fanOut = n; `[]`: 1 and 1.
 */
export function computeFans(shape: Shape): Fans {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError('computeFans', `expected a shape of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  switch (shape.length) {
    case 0:
      return { fanIn: 1, fanOut: 1 };
    case 1:
      return { fanIn: shape[0], fanOut: shape[0] };
    case 2:
      return { fanIn: shape[0], fanOut: shape[1] };
    default: {
      const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
      return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
    }
  }
}
