import { NnError } from '../errors';
import { type TensorLike, globalState } from '../global-state';
import { type Tensor, isTensor } from '../tensor';

/**
 * Runs `fn` and then disposes every tensor made while it ran, except the ones it returns (a tensor,
 * or tensors anywhere in nested arrays and plain objects, as in a Params tree) and the ones `keep`
 * marked. TensorFlow.js's `tf.tidy`. The returned tensors belong to the enclosing scope, if any.
 *
 * Why: between kernels tensors live in fresh host arrays. Allocating megabytes per op costs more
 * than the arithmetic (page faults and garbage-collector pressure: a fresh 4.8 MB array written once
 * took ~2–4 ms on our 2-core machine, against 0.2 ms to fill one that already exists). Disposed
 * storage goes back to its backend, which hands it out again for the next result of the same size
 * (the WebAssembly backend does), so a loop of `tidy(() => model.forward(x))` stops allocating.
 *
 * Safe with autodiff: a tensor that an active `valueAndGrad` still needs for its backward pass (one
 * on its tape) is not disposed but handed to the enclosing scope. `fn` must be synchronous: a tensor
 * made after an `await` belongs to no scope.
 */
export function tidy<T>(fn: () => T): T {
  const state = globalState();
  const scope: TensorLike[] = [];
  state.scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    closeScope(scope, new Set());
    throw error;
  }
  if (result instanceof Promise) {
    closeScope(scope, new Set());
    throw new NnError('tidy', 'fn returned a Promise; tidy needs a synchronous function (tensors made after an await belong to no scope)');
  }
  closeScope(scope, tensorIdsIn(result));
  return result;
}

/**
 * Disposes every tensor in `x` (a tensor, or nested arrays and plain objects of them): its backend may
 * reuse the memory at once. Using a disposed tensor throws a DisposedError. Idempotent.
 */
export function dispose(x: unknown): void {
  walkTensors(x, (t) => t.dispose?.());
}

/**
 * Whether a `tidy` scope is open: every tensor made now will be disposed or handed on when it ends. A
 * backend may then keep results in short-lived device memory (see `Backend.evict`).
 */
export function isInsideTidy(): boolean {
  return globalState().scopes.length > 0;
}

/** Exempts `t` from every `tidy` scope, open or to come: only `dispose(t)` (or the GC) frees it. */
export function keep<T>(t: T): T {
  if (!isTensor(t)) throw new NnError('keep', `expected a Tensor, got ${t === null ? 'null' : typeof t}`);
  (t as unknown as { kept: boolean }).kept = true;
  return t;
}

/** Pops `scope` and disposes what it made, but for `keepIds`, kept tensors and those a tape still needs. */
function closeScope(scope: TensorLike[], keepIds: ReadonlySet<number>): void {
  const state = globalState();
  state.scopes.splice(state.scopes.lastIndexOf(scope), 1);
  const parent = state.scopes.length > 0 ? state.scopes[state.scopes.length - 1] : undefined;
  const onTape = tapedIds();
  for (const t of scope) {
    if (t.isDisposed === true) continue;
    if (t.kept === true) t.settle?.();
    else if (!keepIds.has(t.id) && !onTape.has(t.id)) t.dispose?.();
    else if (parent !== undefined) parent.push(t);
    // NOTE: leaving every scope, it may live on undisposed: out of short-lived backend memory with it.
    else t.settle?.();
  }
}

const NONE: ReadonlySet<number> = new Set();

/** Ids of every tensor an active tape refers to (inputs and outputs of its nodes). */
function tapedIds(): ReadonlySet<number> {
  const { tapes } = globalState();
  if (tapes.length === 0) return NONE;
  const ids = new Set<number>();
  for (const tape of tapes) {
    for (const id of tape.tracked) ids.add(id);
    for (const node of tape.nodes) for (const t of node.inputs) ids.add(t.id);
  }
  return ids;
}

function tensorIdsIn(x: unknown): Set<number> {
  const ids = new Set<number>();
  forEachTensor(x, (t) => ids.add(t.id));
  return ids;
}

/**
 * Calls `fn` on every tensor in `x`: a tensor, or nested arrays, plain objects and Maps of them (a
 * Params tree, an optimizer state, a step's results); a tensor that appears twice is visited twice.
 * What `tidy` and `dispose` walk.
 */
export function forEachTensor(x: unknown, fn: (t: Tensor) => void): void {
  walkTensors(x, fn as unknown as (t: TensorLike) => void);
}

function walkTensors(x: unknown, fn: (t: TensorLike) => void, seen?: Set<object>, depth = 0): void {
  if (typeof x !== 'object' || x === null) return;
  // NOTE: a set of visited objects (against cycles) only below 32 levels: shallow trees, walked every step, need none.
  if (depth >= 32) {
    seen ??= new Set();
    if (seen.has(x)) return;
    seen.add(x);
  }
  if (isTensor(x)) {
    fn(x as unknown as TensorLike);
  } else if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) walkTensors(x[i], fn, seen, depth + 1);
  } else if (x instanceof Map) {
    for (const item of x.values()) walkTensors(item, fn, seen, depth + 1);
  } else {
    const proto = Object.getPrototypeOf(x);
    if (proto === Object.prototype || proto === null) for (const key in x) walkTensors((x as Record<string, unknown>)[key], fn, seen, depth + 1);
  }
}
