import type { FloatArray } from './image-layout';

/** What lies outside an image: a constant, or `'edge'` for the nearest border pixel. */
export type Fill = number | 'edge';

/**
 * Source positions within this many pixels of an integer are taken as that integer, so that
 * cos 90° = 6e-17 and the like cannot turn an exact copy into a blend of two pixels. @internal
 */
const SNAP = 1e-9;

/**
 * Bilinear resampling of one image's `channels` planes (each h×w, row-major) by inverse mapping:
 * out[c, p] = src[c] sampled at (mapX[p], mapY[p]), with x the column and y the row, pixel centres on
 * integers. At (x, y) with x₀ = ⌊x⌋, y₀ = ⌊y⌋, fx = x − x₀, fy = y − y₀:
 *
 *   out = (1−fx)(1−fy)·v(x₀, y₀) + fx(1−fy)·v(x₀+1, y₀) + (1−fx)fy·v(x₀, y₀+1) + fx·fy·v(x₀+1, y₀+1)
 *
 * a convex combination, exact at integer positions. A number `fill` is the value of every pixel
 * outside the grid (a position a pixel or more outside gets `fill` alone; one within a pixel of the
 * border blends the border with it); `'edge'` clamps the position onto the grid instead, so that
 * the output only mixes the image's own pixels. The positions are shared by the channels. @internal
 */
export function remapBilinear(
  src: FloatArray,
  srcOffset: number,
  out: FloatArray,
  outOffset: number,
  channels: number,
  height: number,
  width: number,
  mapX: Float64Array,
  mapY: Float64Array,
  fill: Fill,
): void {
  const plane = height * width;
  const edge = fill === 'edge';
  const f = edge ? 0 : fill;
  const maxX = width - 1;
  const maxY = height - 1;
  for (let p = 0; p < plane; p++) {
    let x = mapX[p];
    let y = mapY[p];
    const rx = Math.round(x);
    const ry = Math.round(y);
    if (Math.abs(x - rx) < SNAP) x = rx;
    if (Math.abs(y - ry) < SNAP) y = ry;
    if (edge) {
      x = x < 0 ? 0 : x > maxX ? maxX : x;
      y = y < 0 ? 0 : y > maxY ? maxY : y;
    } else if (!(x > -1 && x < width && y > -1 && y < height)) {
      for (let c = 0, o = outOffset + p; c < channels; c++, o += plane) out[o] = f;
      continue;
    }
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    const w00 = (1 - fx) * (1 - fy);
    const w01 = fx * (1 - fy);
    const w10 = (1 - fx) * fy;
    const w11 = fx * fy;
    // Which of the four neighbours lie on the grid (with 'edge', only a +1 at the last row / column can
    // fall off, and then its weight is 0).
    const left = x0 >= 0;
    const right = x0 < maxX;
    const top = y0 >= 0;
    const bottom = y0 < maxY;
    const i00 = y0 * width + x0;
    for (let c = 0, s = srcOffset + i00, o = outOffset + p; c < channels; c++, s += plane, o += plane) {
      const v00 = top && left ? src[s] : f;
      const v01 = top && right ? src[s + 1] : f;
      const v10 = bottom && left ? src[s + width] : f;
      const v11 = bottom && right ? src[s + width + 1] : f;
      out[o] = w00 * v00 + w01 * v01 + w10 * v10 + w11 * v11;
    }
  }
}

/** Checks a `fill` option: a finite number or 'edge'. Returns an error message, or undefined. @internal */
export function fillProblem(fill: unknown): string | undefined {
  if (fill === 'edge' || (typeof fill === 'number' && Number.isFinite(fill))) return undefined;
  return `fill must be a finite number or 'edge', got ${typeof fill === 'string' ? `'${fill}'` : String(fill)}`;
}
