import { ValueError, randu } from '@nn/tensor';
import { type Initializer, describedInitializer } from './initializer';

export interface SmallUniformOptions {
  /** Half-width of the interval. Default 0.05 (Keras's and TensorFlow.js's RandomUniform). */
  readonly scale?: number;
}

/**
 * w ~ U(−scale, scale), whatever the fan-in: "small random weights", the classic starting point
 * that breaks the symmetry between hidden units (Rumelhart, Hinton & Williams 1986).
 * @see D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by back-propagating errors", Nature 323, 1986
 */
export function smallUniform({ scale = 0.05 }: SmallUniformOptions = {}): Initializer {
  if (!(Number.isFinite(scale) && scale >= 0)) throw new ValueError('smallUniform', `scale must be a finite number ≥ 0, got ${scale}`);
  return describedInitializer('smallUniform', { scale }, (shape, { rng, dtype } = {}) => randu(shape, { rng, dtype, lo: -scale, hi: scale }));
}
