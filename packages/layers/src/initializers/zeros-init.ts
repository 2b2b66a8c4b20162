import { zeros } from '@nn/tensor';
import { type Initializer, describedInitializer } from './initializer';

/**
 * w = 0: the default for biases. (Named `zerosInit`, not `zeros`, so that it does not shadow
 * @nn/tensor's `zeros` where @nn/core re-exports both; its description's name is 'zeros'.)
 */
export const zerosInit: Initializer = describedInitializer('zeros', {}, (shape, { dtype = 'float32' } = {}) => zeros(shape, dtype));
