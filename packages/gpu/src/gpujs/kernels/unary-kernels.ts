import type { UnaryOp } from '../primitive-groups';
import type { KernelArray, KernelThis } from './kernel-this';

// y[i] = f(x[i]) over a 1-D output of the tensor's size.

export function negKernel(this: KernelThis, x: KernelArray): number {
  return -x[this.thread.x];
}

export function expKernel(this: KernelThis, x: KernelArray): number {
  return Math.exp(x[this.thread.x]);
}

export function logKernel(this: KernelThis, x: KernelArray): number {
  return Math.log(x[this.thread.x]);
}

export function sqrtKernel(this: KernelThis, x: KernelArray): number {
  return Math.sqrt(x[this.thread.x]);
}

export function absKernel(this: KernelThis, x: KernelArray): number {
  return Math.abs(x[this.thread.x]);
}

/** −1, 0 or 1; 0, −0 and NaN pass through, as with Math.sign. */
export function signKernel(this: KernelThis, x: KernelArray): number {
  const v = x[this.thread.x];
  return v > 0 ? 1 : v < 0 ? -1 : v;
}

export function tanhKernel(this: KernelThis, x: KernelArray): number {
  const v = x[this.thread.x];
  // NOTE: gpu.js's GLSL tanh is (e^2v − 1)/(e^2v + 1), NaN once e^2v overflows; |tanh v| rounds to 1 in float32 from |v| ≈ 9.
  if (v > 10) {
    return 1;
  }
  if (v < -10) {
    return -1;
  }
  return Math.tanh(v);
}

/** σ(v) = 1/(1+e^−v) = e^v/(1+e^v): the branch keeps exp from overflowing. */
export function sigmoidKernel(this: KernelThis, x: KernelArray): number {
  const v = x[this.thread.x];
  if (v >= 0) {
    return 1 / (1 + Math.exp(-v));
  }
  const e = Math.exp(v);
  return e / (1 + e);
}

export function reluKernel(this: KernelThis, x: KernelArray): number {
  const v = x[this.thread.x];
  // NOTE: `v < 0 ? 0 : v`, not `v > 0 ? v : 0`, so a NaN passes through as on the CPU backend.
  return v < 0 ? 0 : v;
}

/** log(1 + e^v) = max(v, 0) + log1p(e^−|v|), exact for large |v|. */
export function softplusKernel(this: KernelThis, x: KernelArray): number {
  const v = x[this.thread.x];
  return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
}

export function squareKernel(this: KernelThis, x: KernelArray): number {
  const v = x[this.thread.x];
  return v * v;
}

/** A copy: uploads a host array into a device texture. */
export function copyKernel(this: KernelThis, x: KernelArray): number {
  return x[this.thread.x];
}

export type UnaryKernelFunction = (this: KernelThis, x: KernelArray) => number;

export const unaryKernelFunctions: { readonly [P in UnaryOp]: UnaryKernelFunction } = {
  neg: negKernel,
  exp: expKernel,
  log: logKernel,
  sqrt: sqrtKernel,
  abs: absKernel,
  sign: signKernel,
  tanh: tanhKernel,
  sigmoid: sigmoidKernel,
  relu: reluKernel,
  softplus: softplusKernel,
  square: squareKernel,
};
