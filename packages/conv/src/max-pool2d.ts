import { type Tensor, gather, gatherArgmax, isTraced, max, pad, reshape, slice } from '@nn/tensor';
import type { WindowGeometry } from './geometry';
import { poolGeometry } from './pool-geometry';
import type { Pool2dOptions } from './pool2d-options';
import { poolTapIndices, poolWindowIndices } from './window-indices';

/**
 * y[n, c, oy, ox] = max over the kh×kw window at (oy·sh, ox·sw) of x padded with −∞; x is
 * [N, C, H, W], y is [N, C, Ho, Wo] with Ho = floor((H + 2p − kh) / sh) + 1 (floor mode).
 * The gradient of each output goes whole to ONE input: the first maximum of its window in
 * row-major order (as PyTorch's kernels do), never split between tied elements.
 *
 * A composite: (1) `gatherArgmax` finds each window's winner (the first maximum at a tie, the first
 * NaN) as a position in the flattened padded input, in one pass on the backend; (2) `gather` takes
 * exactly those elements, so the gradient — gather's scatter-add — reaches the chosen element only.
 * NOTE: not `max` over the windows when a gradient may be asked for: @nn/tensor's max splits the
 * gradient of a tie equally. When none can be (`isTraced(x)` is false: inference, `noGrad`), the
 * values are the same and `maxValues` gives them with `max` reductions, without the positions.
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const g = poolGeometry('maxPool2d', x, options);
  const { n, c, hp, wp, ho, wo } = g;
  const plane = hp * wp;
  if (!isTraced(x)) return maxValues(x, g);
  const xp = padded(x, g);
  // (1) the winner of each window as a position in xp flattened: [N·C, Ho·Wo]
  const picks = gatherArgmax(reshape(xp, [n * c, plane]), poolWindowIndices(g).tensor);
  // (2) exactly those elements (the positions need no range check: gatherArgmax made them)
  return reshape(gather(reshape(xp, [n * c * plane]), picks, 0), [n, c, ho, wo]);
}

/**
 * The pooled values alone (no gradient bookkeeping). Windows that tile the input (stride = kernel, no
 * padding: LeNet's 2×2 pooling) need no gather: x, cut to the rows and columns the windows cover, is
 * [N·C·Ho, kh, Wo, kw] by a reshape, and one `max` over the kh and kw axes gives each window's
 * maximum (the first of ties in row-major order, as the traced path picks; NaN wins). Other
 * windows: `max` over the taps gathered from x padded with −∞.
 */
function maxValues(x: Tensor, g: WindowGeometry): Tensor {
  const { n, c, h, w, kh, kw, ho, wo } = g;
  const tiles = g.sh === kh && g.sw === kw && g.hp === h && g.wp === w;
  if (!tiles) return reshape(max(gather(reshape(padded(x, g), [n * c, g.hp * g.wp]), poolTapIndices(g).tensor, 1), 1), [n, c, ho, wo]);
  const covered = ho * kh === h && wo * kw === w ? x : slice(x, [0, 0, 0, 0], [n, c, ho * kh, wo * kw]);
  return reshape(max(reshape(covered, [n * c * ho, kh, wo, kw]), [1, 3]), [n, c, ho, wo]);
}

/** x padded with −∞ (never a window's maximum) as the geometry says. */
function padded(x: Tensor, g: WindowGeometry): Tensor {
  return pad(x, [[0, 0], [0, 0], g.padH, g.padW], -Infinity);
}
