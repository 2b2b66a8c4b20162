import type { Backend } from './backend/backend';
import { type DType, type TypedArray } from './dtype';
import { type Shape, sizeOf, stridesOf } from './shape';
import { DisposedError, ShapeError, formatShape } from './errors';
import { globalState } from './global-state';

/** Nested JavaScript arrays of numbers, as `toArray()` returns them (a number for a scalar). */
export type NestedArray = number | NestedArray[];

/**
 * An immutable n-dimensional array. Its elements live in a backend's storage; `dataSync()` brings
 * them to host memory. Ops never modify a tensor; they return new ones.
 *
 * Lifetime: the garbage collector frees a tensor's memory, or `dispose()` / the end of the `tidy`
 * scope it was made in does so at once, which lets a backend reuse the memory for the next result
 * (see `tidy`). A disposed tensor cannot be read or used by an op again.
 */
export class Tensor {
  /** Unique per tensor; the autodiff tape keys gradients by it. */
  readonly id: number;
  readonly size: number;
  #storage: unknown;
  #disposed = false;
  #counted: boolean;
  /** @internal set by `keep`: no `tidy` scope disposes this tensor. */
  kept = false;

  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    /** The backend's storage of the elements (internal). */
    storage: unknown,
    /** @internal the backend that owns `storage` */
    readonly backend: Backend,
    /**
     * @internal false when no count of the tensors holding `storage` is needed because no backend will
     * ever recycle it: a fresh array of a backend without `dispose` (the CPU backend), or an array the
     * caller made itself (only a backend's own pool arrays are recycled).
     */
    counted = true,
  ) {
    const state = globalState();
    this.id = state.nextTensorId++;
    this.size = sizeOf(shape);
    this.#storage = storage;
    this.#counted = counted;
    // NOTE: the count lives in a WeakMap, which costs as much as the rest of a small op: skipped when unneeded.
    if (counted) retain(storage);
    const scopes = state.scopes;
    if (scopes.length > 0) scopes[scopes.length - 1].push(this);
  }

  /** @internal the backend's storage of the elements; throws once the tensor is disposed. */
  get storage(): unknown {
    if (this.#disposed) throw disposedError('tensor', this);
    return this.#storage;
  }

  /** Whether `dispose()` (directly or through `tidy`) has released this tensor. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /**
   * Releases this tensor's memory now: the backend may reuse it for the next result of the same size.
   * Storage shared with other live tensors (a reshape of this one, say) is released with the last of
   * them. Idempotent.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const storage = this.#storage;
    this.#storage = undefined;
    this.#release(storage);
  }

  /** Drops this tensor's hold on `storage`; the backend frees it with the last hold. */
  #release(storage: unknown): void {
    if (!this.#counted || typeof storage !== 'object' || storage === null) return;
    const refs = globalState().storageRefs;
    const left = (refs.get(storage) ?? 1) - 1;
    if (left > 0) {
      refs.set(storage, left);
    } else {
      refs.delete(storage);
      this.backend.dispose?.(storage);
    }
  }

  get rank(): number {
    return this.shape.length;
  }

  /**
   * The elements in row-major order. On the CPU backend this is the tensor's own buffer, not a copy:
   * treat it as read-only (tensors are immutable; copy with `.slice()` before writing). Small tensors
   * (65 bytes to 1 KiB) share a slab with others, so theirs is copied: its `.buffer` holds its
   * elements alone.
   */
  dataSync(): TypedArray {
    if (this.#disposed) throw disposedError('dataSync', this);
    return this.backend.download(this.#storage, this.dtype, this.size);
  }

  /** The elements as nested arrays of numbers (a plain number for a scalar). */
  toArray(): NestedArray {
    const data = this.dataSync();
    if (this.shape.length === 0) return data[0];
    const strides = stridesOf(this.shape);
    const build = (axis: number, offset: number): NestedArray[] => {
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[axis]; i++) {
        const at = offset + i * strides[axis];
        out.push(axis === this.shape.length - 1 ? data[at] : build(axis + 1, at));
      }
      return out;
    };
    return build(0, 0);
  }

  /** The single element of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new ShapeError('item', `expected a tensor with one element, got shape ${formatShape(this.shape)}`);
    return this.dataSync()[0];
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}, ${JSON.stringify(this.toArray())})`;
  }

  /**
   * @internal Moves the elements out of short-lived backend memory (`Backend.evict`) when the tensor
   * leaves its last `tidy` scope undisposed: from then on only the garbage collector frees it.
   */
  settle(): void {
    if (this.#disposed || this.backend.evict === undefined) return;
    const old = this.#storage;
    const moved = this.backend.evict(old);
    if (moved === old) return;
    retain(moved);
    this.#storage = moved;
    this.#release(old);
  }

  /** `dispose()`, for `using` declarations. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** One more live tensor holds `storage` (counted per storage object, across copies of @nn/tensor). */
function retain(storage: unknown): void {
  if (typeof storage !== 'object' || storage === null) return;
  const refs = globalState().storageRefs;
  refs.set(storage, (refs.get(storage) ?? 0) + 1);
}

/** The error for `op` reading a disposed tensor `t`. */
export function disposedError(op: string, t: { readonly shape: Shape; readonly dtype: DType }): DisposedError {
  return new DisposedError(op, `got a ${formatShape(t.shape)} ${t.dtype} tensor that was disposed (by dispose() or at the end of the tidy scope it was made in); return it from that scope or keep() it to use it later`);
}

/** Structural test (no `instanceof`: tensors from another copy of @nn/tensor count too). */
export function isTensor(x: unknown): x is Tensor {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as Tensor).shape) &&
    typeof (x as Tensor).dtype === 'string' &&
    typeof (x as Tensor).dataSync === 'function' &&
    'storage' in x &&
    'backend' in x
  );
}
