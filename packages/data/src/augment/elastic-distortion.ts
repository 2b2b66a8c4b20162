import { ValueError, fromTypedArray } from '@nn/tensor';
import type { Rng, Tensor } from '@nn/tensor';
import { type Augmentation, assertRng } from './augmentation';
import { type Fill, fillProblem, remapBilinear } from './bilinear-remap';
import { gaussianSmoother } from './gaussian-smooth';
import { allocateLike, imageLayout } from './image-layout';

export interface ElasticDistortionOptions {
  /** Scales the smoothed displacement field, in pixels. Default 34 (Simard et al.'s value for MNIST). */
  readonly alpha?: number;
  /** Standard deviation of the Gaussian that smooths the field, in pixels. Default 4. */
  readonly sigma?: number;
  /**
   * What lies outside the image: `'edge'` (default) repeats the border pixels, so the output only
   * mixes the image's own pixels (it stays within their [min, max], also for standardized images);
   * a number is a constant fill.
   */
  readonly fill?: Fill;
}

/**
 * Elastic distortion (Simard, Steinkraus & Platt): for every image of a batch [N, C, H, W] or
 * [N, H, W], two random displacement fields Δx, Δy, uniform in [−1, 1] at every pixel, are smoothed
 * by a Gaussian of standard deviation σ (separable, radius ⌈3σ⌉, reflected at the borders) and scaled
 * by α; the output pixel (x, y) is the input sampled bilinearly at (x + αΔx, y + αΔy) (all channels
 * alike). Small σ gives nearly random, large σ nearly rigid shifts; α sets the strength. Per image
 * the draws are Δx then Δy, row-major. Output dtype = input dtype.
 * @see P. Y. Simard, D. Steinkraus, J. C. Platt, "Best practices for convolutional neural networks
 *   applied to visual document analysis", ICDAR 2003, section 2.
 */
export function elasticDistortion({ alpha = 34, sigma = 4, fill = 'edge' }: ElasticDistortionOptions = {}): Augmentation {
  const op = 'elasticDistortion';
  if (!(typeof alpha === 'number' && Number.isFinite(alpha) && alpha >= 0)) throw new ValueError(op, `alpha must be a finite number ≥ 0, got ${alpha}`);
  if (!(typeof sigma === 'number' && Number.isFinite(sigma) && sigma >= 0)) throw new ValueError(op, `sigma must be a finite number ≥ 0, got ${sigma}`);
  const problem = fillProblem(fill);
  if (problem !== undefined) throw new ValueError(op, problem);

  return (images: Tensor, rng: Rng): Tensor => {
    assertRng(op, rng);
    const layout = imageLayout(op, images);
    const { count, channels, height, width } = layout;
    const out = allocateLike(layout);
    const size = height * width;
    if (size === 0) return fromTypedArray(out, images.shape, layout.dtype);
    const smooth = gaussianSmoother(sigma, height, width);
    const mapX = new Float64Array(size);
    const mapY = new Float64Array(size);
    const plane = channels * size;
    for (let i = 0; i < count; i++) {
      // (1) raw fields, uniform in [−1, 1]
      rng.fillUniform(mapX, -1, 1);
      rng.fillUniform(mapY, -1, 1);
      // (2) smoothed, scaled and added to the pixel grid: the source position of each output pixel
      smooth(mapX);
      smooth(mapY);
      for (let y = 0, p = 0; y < height; y++) {
        for (let x = 0; x < width; x++, p++) {
          mapX[p] = x + alpha * mapX[p];
          mapY[p] = y + alpha * mapY[p];
        }
      }
      // (3) bilinear resampling at (x + αΔx, y + αΔy)
      remapBilinear(layout.data, i * plane, out, i * plane, channels, height, width, mapX, mapY, fill);
    }
    return fromTypedArray(out, images.shape, layout.dtype);
  };
}
