import { type Tensor, forEachTensor } from '@nn/tensor';

/** Tensors made by a fused update (`fusedLeafUpdate`): optimizer state and updates that nothing else holds. */
const madeByFusedUpdates = new WeakSet<Tensor>();

/** Marks `t` as made by a fused update, so that `disposeSupersededState` may free it. @internal */
export function markFusedResult(t: Tensor): Tensor {
  madeByFusedUpdates.add(t);
  return t;
}

/**
 * Disposes the tensors of `previous`, an optimizer state that `next` (the state `update` returned for it)
 * supersedes, that a fused update made (Adam's and RMSprop's moments, momentum's velocity) and that
 * `next` does not hold, so that the backend reuses their memory for the next step's state at once
 * instead of waiting for the garbage collector (a fresh host array of a million parameters costs more
 * than the update itself). Only such tensors: every other leaf, which a callback or the model might
 * share, is left alone. A training loop calls it after each step, as `fit` does; reading `previous`
 * afterwards throws a DisposedError for those leaves.
 */
export function disposeSupersededState(previous: unknown, next: unknown): void {
  const kept = new Set<Tensor>();
  forEachTensor(next, (t) => kept.add(t));
  forEachTensor(previous, (t) => {
    if (madeByFusedUpdates.has(t) && !kept.has(t)) t.dispose();
  });
}
