import { recordCustom } from '../autodiff/tape';
import { getBackend } from '../backend/registry';
import { globalState } from '../global-state';
import { Tensor } from '../tensor';
import { assertTensor } from './convert';

/**
 * x with its elements where the active backend's kernels read them in place for the rest of the
 * current `tidy` scope: a backend that keeps a scope's results in device memory (the WebAssembly
 * backend) copies a host-stored x there once, so that the kernels reading x after it (a dense layer's
 * product, its weight gradient, a row norm) share one copy instead of each copying x in; x itself
 * everywhere else (outside `tidy`, already there, another backend, the CPU backend, a step traced by
 * `replayable`). The same values; to autodiff, the identity (its gradient passes through). `fit`
 * stages each batch.
 */
export function stage(x: Tensor): Tensor {
  assertTensor('stage', x);
  const backend = getBackend();
  // NOTE: not while a step is traced for replay (`replayable`), whose plan reads its arguments on the host
  if (x.backend !== backend || backend.stage === undefined || globalState().tracer !== undefined) return x;
  const storage = backend.stage(x.storage, x.dtype, x.size);
  if (storage === undefined) return x;
  const staged = new Tensor([...x.shape], x.dtype, storage, backend);
  recordCustom([x], staged, (g) => [g]);
  return staged;
}
