import type { Primitive, PrimitiveAttrs } from '../backend/primitives';
import type { KernelInput } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { globalState } from '../global-state';
import type { DType } from '../dtype';
import type { Shape } from '../shape';
import { Tensor, disposedError } from '../tensor';
import { record } from './tape';

/** Primitives whose outputs never carry a gradient, so the tape need not record them. */
const nonDifferentiable: ReadonlySet<Primitive> = new Set<Primitive>([
  'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual', 'argmax', 'argmin', 'gatherArgmax', 'sign', 'identity',
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
  const state = globalState();
  const backend = state.backend ?? cpuBackend;
  // NOTE: one plain loop, no closures: for tensors of a few elements this dispatch is most of an op's cost.
  const kernelInputs: KernelInput[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if ((t as { isDisposed?: boolean }).isDisposed === true) throw disposedError(primitive, t);
    const storage = t.storage;
    kernelInputs[i] = {
      data: t.backend === backend || (backend.hostStorage === true && t.backend.hostStorage === true && ArrayBuffer.isView(storage))
        ? storage
        : // NOTE: a tensor made under another backend moves over through host memory.
          backend.upload(t.dataSync().slice(), t.dtype),
      shape: t.shape,
      dtype: t.dtype,
    };
  }
  const storage = backend.kernels[primitive](kernelInputs, attrs, { shape, dtype });
  let fresh = backend.dispose === undefined;
  for (let i = 0; fresh && i < kernelInputs.length; i++) fresh = kernelInputs[i].data !== storage;
  const output = new Tensor(shape, dtype, storage, backend, !fresh);
  if (state.tracer !== undefined) state.tracer.add(primitive, inputs, attrs, output);
  if (state.tapes.length > 0 && !nonDifferentiable.has(primitive) && dtype !== 'int32') record(primitive, inputs, attrs, output);
  return output;
}
