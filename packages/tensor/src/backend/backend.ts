import type { DType, TypedArray } from '../dtype';
import type { Shape } from '../shape';
import type { Primitive, PrimitiveAttrs } from './primitives';
import type { FusedKernels } from './fused-kernels';

/** What a kernel sees of an input: the backend's storage plus shape and dtype. */
export interface KernelInput {
  readonly data: unknown;
  readonly shape: Shape;
  readonly dtype: DType;
}

/** What a kernel must produce: the op front-end has already checked inputs and inferred these. */
export interface KernelOutput {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Computes one primitive; returns the backend's storage for a tensor of `out.shape` and `out.dtype`. */
export type Kernel<P extends Primitive> = (
  inputs: readonly KernelInput[],
  attrs: PrimitiveAttrs[P],
  out: KernelOutput,
) => unknown;

/**
 * A table from primitive to kernel plus the two conversions to and from host memory. The plain-TS CPU
 * backend (`cpuBackend`) is the reference every accelerated backend is tested against.
 */
export interface Backend {
  readonly name: string;
  readonly kernels: { readonly [P in Primitive]: Kernel<P> };
  /**
   * True when this backend's storage is, at least outside `tidy` scopes, the host typed array itself
   * (the CPU and WebAssembly backends): such storage passes between two of them without a copy.
   */
  readonly hostStorage?: boolean;
  /** Takes ownership of a host array and returns this backend's storage for it. */
  upload(values: TypedArray, dtype: DType): unknown;
  /**
   * Host copy (or the storage itself when it already is one) of a tensor's elements, row-major. Storage
   * handed out itself belongs to the caller from then on: a backend never recycles it.
   */
  download(data: unknown, dtype: DType, size: number): TypedArray;
  /**
   * Called when the last live tensor holding `data` is disposed (`dispose`, `tidy`): frees device
   * memory, or recycles a host array it made (see `createStoragePool`). Optional: the garbage
   * collector frees what is never disposed.
   */
  dispose?(data: unknown): void;
  /**
   * Storage with the same elements that needs no `dispose` (a host copy), for a tensor that leaves its
   * last `tidy` scope undisposed; `data` itself when it already is such. Optional: a backend that keeps
   * results in short-lived memory while a scope is open (`isInsideTidy`) implements it. It must not
   * free `data`: other tensors may share it (their disposal frees it).
   */
  evict?(data: unknown): unknown;
  /**
   * A copy of `data` in the memory this backend's kernels read in place now (inside a `tidy` scope),
   * for an input several kernels of the scope will read (see `stage`); undefined when `data` already
   * is there or the backend has no such memory. The copy is storage as any result of the scope's.
   */
  stage?(data: unknown, dtype: DType, size: number): unknown;
  /**
   * Fused kernels (an optimizer's per-parameter update, dropout's mask, noise) that callers use when
   * present and replace with their own op chains or loops when not. Optional, as each entry.
   */
  readonly fused?: FusedKernels;
}
