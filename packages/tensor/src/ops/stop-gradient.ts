import { runPrimitive } from '../autodiff/run-primitive';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** The same value, seen by autodiff as a constant (zero gradient). */
export function stopGradient(x: Tensor): Tensor {
  assertTensor('stopGradient', x);
  return runPrimitive('identity', [x], {}, x.shape, x.dtype);
}
