import { randu } from '@nn/tensor';
import { computeFans } from './compute-fans';
import { type Initializer, describedInitializer } from './initializer';

/**
 * w ~ U(−√(3/fanIn), √(3/fanIn)), so that σ = 1/√fanIn: with inputs of unit variance, each unit's
 * summed input has unit variance too, where tanh-like units learn fastest. Fans: see `computeFans`.
 * @see Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in Neural Networks: Tricks of the Trade, 1998, §4.6
 */
export const lecunUniform: Initializer = describedInitializer('lecunUniform', {}, (shape, { rng, dtype } = {}) => {
  const limit = Math.sqrt(3 / computeFans(shape).fanIn);
  return randu(shape, { rng, dtype, lo: -limit, hi: limit });
});
