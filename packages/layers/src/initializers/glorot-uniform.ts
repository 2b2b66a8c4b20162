import { randu } from '@nn/tensor';
import { computeFans } from './compute-fans';
import { type Initializer, describedInitializer } from './initializer';

/**
 * w ~ U(−√(6/(fanIn + fanOut)), √(6/(fanIn + fanOut))), so that Var w = 2/(fanIn + fanOut): a
 * compromise that keeps both the forward activations and the backward gradients at a steady
 * variance. Fans: see `computeFans`.
 * @see X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010
 */
export const glorotUniform: Initializer = describedInitializer('glorotUniform', {}, (shape, { rng, dtype } = {}) => {
  const { fanIn, fanOut } = computeFans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return randu(shape, { rng, dtype, lo: -limit, hi: limit });
});
