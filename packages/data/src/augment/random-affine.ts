import { ValueError, fromTypedArray } from '@nn/tensor';
import type { Rng, Tensor } from '@nn/tensor';
import { affineMaps, fillAffineMaps, forwardMatrix } from './affine-transform';
import { type Augmentation, assertRng } from './augmentation';
import { type Fill, fillProblem, remapBilinear } from './bilinear-remap';
import { allocateLike, imageLayout } from './image-layout';

export interface RandomAffineOptions {
  /** Rotation in degrees: r draws from [−r, r], [lo, hi] from [lo, hi]. Default 0 (none). */
  readonly rotation?: number | readonly [number, number];
  /** Isotropic scale factor drawn from [lo, hi], both > 0. Default [1, 1] (none). */
  readonly scale?: readonly [number, number];
  /** Horizontal shear angle in degrees, drawn as `rotation` is; within (−90, 90). Default 0 (none). */
  readonly shear?: number | readonly [number, number];
  /**
   * Largest shift as fractions [fx, fy] of the width and height: tx from [−fx·W, fx·W] pixels, ty from
   * [−fy·H, fy·H] (not rounded to whole pixels). Default [0, 0] (none).
   */
  readonly translate?: readonly [number, number];
  /** The value of pixels outside the image, or `'edge'` to repeat the border pixels. Default 0. */
  readonly fill?: Fill;
}

/**
 * An augmentation that draws, for every image of a batch [N, C, H, W] or [N, H, W], its own rotation,
 * scale, shear and translation, uniformly from the given ranges, and applies them about the image's
 * centre in the order of {@link affineMatrix} (shear, scale, rotation, then translation), resampling
 * bilinearly by inverse mapping (see {@link affineTransform}). Every option defaults to "none", so name
 * what you want, e.g. `randomAffine({ rotation: 15, scale: [0.9, 1.1], shear: 10, translate: [0.1, 0.1] })`
 * for digits. Each image takes five draws in that order (angle, scale, shear, tx, ty) whatever the
 * ranges are, so widening one range leaves the others' draws unchanged. Output dtype = input dtype.
 */
export function randomAffine({ rotation = 0, scale = [1, 1], shear = 0, translate = [0, 0], fill = 0 }: RandomAffineOptions = {}): Augmentation {
  const op = 'randomAffine';
  const [rLo, rHi] = angleRange(op, 'rotation', rotation, Infinity);
  const [sLo, sHi] = pair(op, 'scale', scale, '[lo, hi] with 0 < lo ≤ hi', (lo, hi) => lo > 0 && lo <= hi);
  const [hLo, hHi] = angleRange(op, 'shear', shear, 90);
  const [fx, fy] = pair(op, 'translate', translate, '[fx, fy], fractions ≥ 0 of the width and height', (a, b) => a >= 0 && b >= 0);
  const problem = fillProblem(fill);
  if (problem !== undefined) throw new ValueError(op, problem);

  return (images: Tensor, rng: Rng): Tensor => {
    assertRng(op, rng);
    const layout = imageLayout(op, images);
    const { count, channels, height, width } = layout;
    const out = allocateLike(layout);
    const maps = affineMaps(height, width);
    const plane = channels * height * width;
    const tx = fx * width;
    const ty = fy * height;
    for (let i = 0; i < count; i++) {
      const params = {
        rotation: rng.uniformRange(rLo, rHi),
        scale: rng.uniformRange(sLo, sHi),
        shear: rng.uniformRange(hLo, hHi),
        translate: [rng.uniformRange(-tx, tx), rng.uniformRange(-ty, ty)] as const,
      };
      fillAffineMaps(maps, forwardMatrix(op, params, height, width), height, width);
      remapBilinear(layout.data, i * plane, out, i * plane, channels, height, width, maps.x, maps.y, fill);
    }
    return fromTypedArray(out, images.shape, layout.dtype);
  };
}

/** r → [−r, r] (r ≥ 0), or [lo, hi] as given; every angle finite and below `limit` in magnitude. */
function angleRange(op: string, name: string, v: number | readonly [number, number], limit: number): [number, number] {
  const bound = limit === Infinity ? '' : ` within (−${limit}, ${limit})`;
  const ok = (lo: number, hi: number) => lo <= hi && Math.abs(lo) < limit && Math.abs(hi) < limit;
  if (typeof v === 'number') {
    if (!(Number.isFinite(v) && v >= 0 && v < limit)) {
      throw new ValueError(op, `${name} must be a largest angle ≥ 0 in degrees${bound}, or [lo, hi]; got ${v}`);
    }
    return [-v, v];
  }
  return pair(op, name, v, `a largest angle or [lo, hi] degrees with lo ≤ hi${bound}`, ok);
}

function pair(op: string, name: string, v: unknown, expected: string, ok: (a: number, b: number) => boolean): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)) || !ok(v[0], v[1])) {
    throw new ValueError(op, `${name} must be ${expected}; got ${JSON.stringify(v)}`);
  }
  return [v[0], v[1]];
}
