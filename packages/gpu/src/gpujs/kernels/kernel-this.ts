/**
 * What a gpu.js kernel function sees as `this` (the part these kernels use). gpu.js compiles the
 * function's source, so the kernels below are written in the subset it translates: numbers, flat
 * array reads, `Math.*`, `for` loops with a literal start, `if`, and the ternary operator; no calls
 * to other functions, no closures. gpu-mock.js runs the same functions as plain JavaScript.
 */
export interface KernelThis {
  readonly thread: { readonly x: number; readonly y: number; readonly z: number };
}

/** A kernel's array argument: a Float32Array on the host, a texture on the device (read as flat). */
export type KernelArray = ArrayLike<number>;
