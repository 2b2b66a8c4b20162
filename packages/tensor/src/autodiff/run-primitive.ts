import type { Primitive, PrimitiveAttrs } from '../backend/primitives';
import type { KernelInput } from '../backend/backend';
import { getBackend } from '../backend/registry';
import type { DType } from '../dtype';
import type { Shape } from '../shape';
import { Tensor, disposedError } from '../tensor';
import { record } from './tape';

/** Primitives whose outputs never carry a gradient, so the tape need not record them. */
const nonDifferentiable: ReadonlySet<Primitive> = new Set<Primitive>([
  'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual', 'argmax', 'argmin', 'sign', 'identity',
]);

/**
 * Runs one primitive on the active backend and records it for autodiff. Callers (the op front-ends)
 * have already validated the inputs and computed the output shape and dtype.
 */
export function runPrimitive<P extends Primitive>(
  primitive: P,
  inputs: readonly Tensor[],
  attrs: PrimitiveAttrs[P],
  shape: Shape,
  dtype: DType,
): Tensor {
  const backend = getBackend();
  for (const t of inputs) if ((t as { isDisposed?: boolean }).isDisposed === true) throw disposedError(primitive, t);
  const kernelInputs: KernelInput[] = inputs.map((t) => ({
    data: t.backend === backend || (backend.hostStorage === true && t.backend.hostStorage === true && ArrayBuffer.isView(t.storage))
      ? t.storage
      : // NOTE: a tensor made under another backend moves over through host memory.
        backend.upload(t.dataSync().slice(), t.dtype),
    shape: t.shape,
    dtype: t.dtype,
  }));
  const storage = backend.kernels[primitive](kernelInputs, attrs, { shape, dtype });
  const output = new Tensor(shape, dtype, storage, backend);
  if (!nonDifferentiable.has(primitive) && dtype !== 'int32') record(primitive, inputs, attrs, output);
  return output;
}
