import type { Backend } from './backend/backend';
import { type DType, type TypedArray } from './dtype';
import { type Shape, sizeOf, stridesOf } from './shape';
import { ShapeError, formatShape } from './errors';
import { globalState } from './global-state';

/** Nested JavaScript arrays of numbers, as `toArray()` returns them (a number for a scalar). */
export type NestedArray = number | NestedArray[];

/**
 * An immutable n-dimensional array. Its elements live in a backend's storage; `dataSync()` brings
 * them to host memory. Ops never modify a tensor; they return new ones.
 */
export class Tensor {
  /** Unique per tensor; the autodiff tape keys gradients by it. */
  readonly id = globalState().nextTensorId++;
  readonly size: number;

  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    /** @internal the backend's storage of the elements */
    readonly storage: unknown,
    /** @internal the backend that owns `storage` */
    readonly backend: Backend,
  ) {
    this.size = sizeOf(shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  /**
   * The elements in row-major order. On the CPU backend this is the tensor's own buffer, not a copy:
   * treat it as read-only (tensors are immutable; copy with `.slice()` before writing).
   */
  dataSync(): TypedArray {
    return this.backend.download(this.storage, this.dtype, this.size);
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

  /** Releases device memory now (for `using`); a no-op on the CPU, where the garbage collector suffices. */
  [Symbol.dispose](): void {
    this.backend.dispose?.(this.storage);
  }
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
