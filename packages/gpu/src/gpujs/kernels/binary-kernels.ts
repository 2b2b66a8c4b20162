import type { BinaryOp } from '../primitive-groups';
import type { KernelArray, KernelThis } from './kernel-this';

/*
 * y[z, y, x] = f(a[z·az + y·ay + x·ax], b[z·bz + y·by + x·bx]) over an output of up to three dimensions.
 * The host merges the broadcast output's axes into at most three (see `planStrided`); a stride of 0
 * repeats an operand along that axis, which is how broadcasting reaches the kernel.
 */

export function addKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] + b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx];
}

export function subKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] - b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx];
}

export function mulKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] * b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx];
}

export function divKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] / b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx];
}

/** aᵇ; a negative base with an integer exponent is handled by hand: GLSL's pow() is undefined for a < 0. */
export function powKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  const x = a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax];
  const y = b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx];
  if (x < 0 && Math.floor(y) === y) {
    const r = Math.pow(-x, y);
    return y - 2 * Math.floor(y / 2) === 0 ? r : -r;
  }
  return Math.pow(x, y);
}

export function maximumKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return Math.max(a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax], b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx]);
}

export function minimumKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return Math.min(a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax], b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx]);
}

export function greaterKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] > b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx] ? 1 : 0;
}

export function greaterEqualKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] >= b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx] ? 1 : 0;
}

export function lessKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] < b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx] ? 1 : 0;
}

export function lessEqualKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] <= b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx] ? 1 : 0;
}

export function equalKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] === b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx] ? 1 : 0;
}

export function notEqualKernel(this: KernelThis, a: KernelArray, b: KernelArray, az: number, ay: number, ax: number, bz: number, by: number, bx: number): number {
  return a[this.thread.z * az + this.thread.y * ay + this.thread.x * ax] !== b[this.thread.z * bz + this.thread.y * by + this.thread.x * bx] ? 1 : 0;
}

export type BinaryKernelFunction = typeof addKernel;

export const binaryKernelFunctions: { readonly [P in BinaryOp]: BinaryKernelFunction } = {
  add: addKernel,
  sub: subKernel,
  mul: mulKernel,
  div: divKernel,
  pow: powKernel,
  maximum: maximumKernel,
  minimum: minimumKernel,
  greater: greaterKernel,
  greaterEqual: greaterEqualKernel,
  less: lessKernel,
  lessEqual: lessEqualKernel,
  equal: equalKernel,
  notEqual: notEqualKernel,
};
