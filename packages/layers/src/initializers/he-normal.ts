import { randn } from '@nn/tensor';
import { computeFans } from './compute-fans';
import { type Initializer, describedInitializer } from './initializer';

/**
 * w ~ N(0, 2/fanIn): twice LeCun's variance, because a ReLU passes on only half of its input's
 * second moment. Fans: see `computeFans`. (A plain normal, not Keras's truncated one.)
 * @see K. He, X. Zhang, S. Ren, J. Sun, "Delving deep into rectifiers", ICCV 2015
 */
export const heNormal: Initializer = describedInitializer('heNormal', {}, (shape, { rng, dtype } = {}) =>
  randn(shape, { rng, dtype, std: Math.sqrt(2 / computeFans(shape).fanIn) }),
);
