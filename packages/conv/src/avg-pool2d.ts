import { type Tensor, ValueError, div, fromTypedArray, gather, mul, pad, reshape, sum } from '@nn/tensor';
import type { WindowGeometry } from './geometry';
import { poolGeometry } from './pool-geometry';
import type { Pool2dOptions } from './pool2d-options';
import { poolWindowIndices } from './window-indices';

export interface AvgPool2dOptions extends Pool2dOptions {
  /**
   * Whether the zeros of the padding count in each window's average: true (PyTorch's default)
   * divides every window by kh·kw; false divides by the number of real input elements it covers.
   * Default true.
   */
  readonly countIncludePad?: boolean;
}

/**
 * y[n, c, oy, ox] = the mean of the kh×kw window at (oy·sh, ox·sw) of x padded with zeros; x is
 * [N, C, H, W], y is [N, C, Ho, Wo] with Ho = floor((H + 2p − kh) / sh) + 1 (floor mode). With
 * padding, `countIncludePad` says what the mean divides by. The gradient spreads each output's
 * evenly over its window. A composite: one `gather` of the windows, a `sum`, one scaling.
 */
export function avgPool2d(x: Tensor, options: AvgPool2dOptions): Tensor {
  const op = 'avgPool2d';
  const g = poolGeometry(op, x, options);
  const { countIncludePad = true } = options;
  if (typeof countIncludePad !== 'boolean') throw new ValueError(op, `countIncludePad must be true or false, got ${String(countIncludePad)}`);
  const { n, c, hp, wp, ho, wo, kh, kw } = g;
  const xp = pad(x, [[0, 0], [0, 0], g.padH, g.padW]);
  const windowSums = sum(gather(reshape(xp, [n, c, hp * wp]), poolWindowIndices(g).tensor, 2), -1); // [N, C, Ho·Wo]
  const padded = g.padH[0] + g.padH[1] + g.padW[0] + g.padW[1] > 0;
  const y = countIncludePad || !padded ? mul(windowSums, 1 / (kh * kw)) : div(windowSums, realCounts(g, x.dtype as 'float32' | 'float64'));
  return reshape(y, [n, c, ho, wo]);
}

/** How many elements of each window lie inside the unpadded input: [Ho·Wo]. */
function realCounts(g: WindowGeometry, dtype: 'float32' | 'float64'): Tensor {
  const inside = (start: number, k: number, pad: number, size: number) => Math.min(start + k, pad + size) - Math.max(start, pad);
  const counts = dtype === 'float32' ? new Float32Array(g.ho * g.wo) : new Float64Array(g.ho * g.wo);
  for (let oy = 0; oy < g.ho; oy++) {
    for (let ox = 0; ox < g.wo; ox++) {
      counts[oy * g.wo + ox] = inside(oy * g.sh, g.kh, g.padH[0], g.h) * inside(ox * g.sw, g.kw, g.padW[0], g.w);
    }
  }
  return fromTypedArray(counts, [g.ho * g.wo], dtype);
}
