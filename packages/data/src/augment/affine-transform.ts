import { ValueError, fromTypedArray } from '@nn/tensor';
import type { Tensor } from '@nn/tensor';
import { type Fill, fillProblem, remapBilinear } from './bilinear-remap';
import { allocateLike, imageLayout } from './image-layout';

/** One affine transformation of an image, about its centre. */
export interface AffineParams {
  /** Degrees; positive turns the image counter-clockwise as displayed (row 0 at the top). Default 0. */
  readonly rotation?: number;
  /** Isotropic scale factor, > 0 (2 doubles the size). Default 1. */
  readonly scale?: number;
  /** Horizontal shear angle in degrees, in (−90, 90): positive moves lower rows to the right. Default 0. */
  readonly shear?: number;
  /** Shift [tx, ty] in pixels, tx to the right, ty down. Default [0, 0]. */
  readonly translate?: readonly [number, number];
}

export interface AffineTransformOptions {
  /** The value of pixels outside the image, or `'edge'` to repeat the border pixels. Default 0. */
  readonly fill?: Fill;
}

/**
 * The forward matrix [a, b, e, c, d, f] that takes a pixel of the input at (x, y) (x the column,
 * y the row, pixel centres on integers) to (a·x + b·y + e, c·x + d·y + f) in the output of an H×W
 * image. With the centre o = ((W − 1)/2, (H − 1)/2) and t the translation:
 *
 *   p_out = A·(p_in − o) + o + t,    A = s · R(θ) · Sh(φ),
 *   R(θ) = [[cos θ, sin θ], [−sin θ, cos θ]],    Sh(φ) = [[1, tan φ], [0, 1]]
 *
 * so the composition order is: shear, then scale, then rotation (all three about the centre), then
 * translation, as torchvision's `RandomAffine`. R has the signs of a counter-clockwise turn on
 * screen because y points down.
 */
export function affineMatrix(params: AffineParams, height: number, width: number): [number, number, number, number, number, number] {
  return forwardMatrix('affineMatrix', params, height, width);
}

/**
 * The same affine transformation (see {@link affineMatrix}) applied to every image of a batch
 * [N, C, H, W] or [N, H, W], resampled bilinearly by inverse mapping: each output pixel p takes the
 * input at A⁻¹·(p − o − t) + o. Positions outside the image take `fill`. Output dtype = input dtype.
 * The deterministic core of {@link randomAffine}, for tests, figures and test-time augmentation.
 */
export function affineTransform(images: Tensor, params: AffineParams, { fill = 0 }: AffineTransformOptions = {}): Tensor {
  const op = 'affineTransform';
  const layout = imageLayout(op, images);
  const problem = fillProblem(fill);
  if (problem !== undefined) throw new ValueError(op, problem);
  const m = forwardMatrix(op, params, layout.height, layout.width);
  const out = allocateLike(layout);
  const maps = affineMaps(layout.height, layout.width);
  const plane = layout.channels * layout.height * layout.width;
  fillAffineMaps(maps, m, layout.height, layout.width);
  for (let i = 0; i < layout.count; i++) {
    remapBilinear(layout.data, i * plane, out, i * plane, layout.channels, layout.height, layout.width, maps.x, maps.y, fill);
  }
  return fromTypedArray(out, images.shape, layout.dtype);
}

/** Scratch for one image's source positions. @internal */
export interface AffineMaps {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** @internal */
export function affineMaps(height: number, width: number): AffineMaps {
  return { x: new Float64Array(height * width), y: new Float64Array(height * width) };
}

/**
 * The source position of every output pixel under the forward matrix m: p_in = A⁻¹·(p_out − o − t) + o,
 * written as p_in = B·p_out + g with B = A⁻¹ and g = o − B·(o + t). @internal
 */
export function fillAffineMaps(maps: AffineMaps, m: readonly number[], height: number, width: number): void {
  const [a, b, e, c, d, f] = m;
  const det = a * d - b * c;
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  const ox = (width - 1) / 2;
  const oy = (height - 1) / 2;
  // o + t, recovered from the forward offset: e = ox + tx − (a·ox + b·oy)
  const ux = e + a * ox + b * oy;
  const uy = f + c * ox + d * oy;
  const gx = ox - (ia * ux + ib * uy);
  const gy = oy - (ic * ux + id * uy);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      maps.x[p] = ia * x + ib * y + gx;
      maps.y[p] = ic * x + id * y + gy;
    }
  }
}

/** [a, b, e, c, d, f] of {@link affineMatrix}, each parameter checked. @internal */
export function forwardMatrix(op: string, params: AffineParams, height: number, width: number): [number, number, number, number, number, number] {
  const { rotation = 0, scale = 1, shear = 0, translate = [0, 0] } = params ?? {};
  if (!Number.isFinite(rotation)) throw new ValueError(op, `rotation must be a finite number of degrees, got ${rotation}`);
  if (!(Number.isFinite(scale) && scale > 0)) throw new ValueError(op, `scale must be a finite number > 0, got ${scale}`);
  if (!(Number.isFinite(shear) && Math.abs(shear) < 90)) throw new ValueError(op, `shear must be an angle in (−90, 90) degrees, got ${shear}`);
  if (!Array.isArray(translate) || translate.length !== 2 || !translate.every(Number.isFinite)) {
    throw new ValueError(op, `translate must be [tx, ty] in pixels, got ${JSON.stringify(translate)}`);
  }
  const theta = (rotation * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const tan = Math.tan((shear * Math.PI) / 180);
  // A = s·R(θ)·Sh(φ) = s·[[cos, sin], [−sin, cos]]·[[1, tan], [0, 1]]
  const a = scale * cos;
  const b = scale * (cos * tan + sin);
  const c = -scale * sin;
  const d = scale * (cos - sin * tan);
  const ox = (width - 1) / 2;
  const oy = (height - 1) / 2;
  return [a, b, ox + translate[0] - (a * ox + b * oy), c, d, oy + translate[1] - (c * ox + d * oy)];
}
