import { type Tensor, forEachTensor } from '@nn/tensor';

/**
 * Tensors smaller than this are left to the run's end (or the garbage collector) rather than disposed
 * when replaced: for a tiny network (2-8-8-2 at batch 10, a ~20 µs step) disposing its eight small
 * tensors a step cost more than reusing their memory saves. The wasm backend computes results this
 * small on the host anyway (its kernels take 256 elements and up), so none of them holds its memory.
 */
export const FREE_AT_ONCE_MIN_SIZE = 256;

/**
 * The weights and optimizer state that a run of `fit`'s steps made and no code outside the step has
 * seen: between two callbacks (or two turns of the event loop) nothing but the steps runs, so a step's
 * new weights and state are read only by the next step, which replaces them. Such a run shares one
 * `tidy` scope (see fit.ts): what its steps make stays in the backend's short-lived memory (the wasm
 * backend's arena) instead of being copied out to fresh host arrays after every step, as a result that
 * leaves its last scope is, and each step frees what it replaced at once, so the next one reuses that
 * memory. Only the run's last weights and state leave the scope, once.
 *
 * For a 784-256-10 MLP at batch 64 on the wasm backend, copying the 203,530 new weights out of wasm
 * memory into a fresh 814 KB host array and back in every step was a fifth of the step.
 */
export class StepRun {
  /** Tensors of weights and state made by this run's steps and not yet replaced. */
  readonly #owned = new Set<Tensor>();
  // NOTE: reused by every call: a tiny network's step (2-8-8-2, ~20 µs) notices a few Sets made a step
  readonly #before = new Set<Tensor>();
  readonly #after = new Set<Tensor>();

  /**
   * After a step that replaced `previous` (the weights and state it read) with `current` (the ones it
   * made, some possibly the same tensors): takes the new tensors into the run, and disposes those of
   * `previous` that an earlier step of the run made and `current` no longer holds.
   */
  replaced(previous: unknown, current: unknown): void {
    const before = this.#before;
    const after = this.#after;
    forEachTensor(previous, (t) => before.add(t));
    forEachTensor(current, (t) => after.add(t));
    for (const t of after) if (!before.has(t)) this.#owned.add(t);
    for (const t of before) {
      if (after.has(t) || !this.#owned.has(t)) continue;
      this.#owned.delete(t);
      if (t.size >= FREE_AT_ONCE_MIN_SIZE) t.dispose();
    }
    before.clear();
    after.clear();
  }
}
