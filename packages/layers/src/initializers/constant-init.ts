import { ValueError, full } from '@nn/tensor';
import { type Initializer, describedInitializer } from './initializer';

/** w = value everywhere, e.g. a small positive bias (0.1) that keeps ReLU units active at the start. */
export function constantInit(value: number): Initializer {
  if (!Number.isFinite(value)) throw new ValueError('constantInit', `value must be a finite number, got ${value}`);
  return describedInitializer('constant', { value }, (shape, { dtype = 'float32' } = {}) => full(shape, value, dtype));
}
