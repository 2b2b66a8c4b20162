import { ValueError, randn } from '@nn/tensor';
import { type Initializer, describedInitializer } from './initializer';

export interface SmallNormalOptions {
  /** Standard deviation. Default 0.05 (Keras's and TensorFlow.js's RandomNormal). */
  readonly scale?: number;
}

/**
 * w ~ N(0, scale²), whatever the fan-in: "small random weights" drawn from a Gaussian.
 * @see D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by back-propagating errors", Nature 323, 1986
 */
export function smallNormal({ scale = 0.05 }: SmallNormalOptions = {}): Initializer {
  if (!(Number.isFinite(scale) && scale >= 0)) throw new ValueError('smallNormal', `scale must be a finite number ≥ 0, got ${scale}`);
  return describedInitializer('smallNormal', { scale }, (shape, { rng, dtype } = {}) => randn(shape, { rng, dtype, std: scale }));
}
