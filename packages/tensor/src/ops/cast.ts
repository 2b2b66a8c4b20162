import { runPrimitive } from '../autodiff/run-primitive';
import { type DType, assertDType } from '../dtype';
import type { Tensor } from '../tensor';
import { assertTensor } from './convert';

/** Converts to `dtype` (float → int32 truncates toward zero); the explicit way to mix dtypes. */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertTensor('cast', x);
  assertDType('cast', dtype);
  if (x.dtype === dtype) return x;
  return runPrimitive('cast', [x], { dtype }, x.shape, dtype);
}
