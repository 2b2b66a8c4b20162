import { randn } from '@nn/tensor';
import { computeFans } from './compute-fans';
import { type Initializer, describedInitializer } from './initializer';

/**
 * w ~ N(0, 1/fanIn), i.e. σ = 1/√fanIn: with inputs of unit variance, each unit's summed input has
 * unit variance too, where tanh-like units learn fastest. The default of `dense`. Fans: see
 * `computeFans`. (A plain normal, not Keras's truncated one.)
 * @see Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in Neural Networks: Tricks of the Trade, 1998, §4.6
 */
export const lecunNormal: Initializer = describedInitializer('lecunNormal', {}, (shape, { rng, dtype } = {}) =>
  randn(shape, { rng, dtype, std: 1 / Math.sqrt(computeFans(shape).fanIn) }),
);
