/*
 * Host-side index planning: turns tensor shapes into the few strides and sizes a gpu.js kernel takes.
 * gpu.js threads have at most three dimensions, so every plan merges axes until three remain.
 */

import { broadcastStrides, stridesOf as contiguousStrides } from '@nn/tensor';

// NOTE: the stride rules are @nn/tensor's own, so both backends read broadcasts identically.
export { broadcastStrides, contiguousStrides };

/** A strided kernel launch: gpu.js's output [x, y?, z?] and, per operand, its strides [sz, sy, sx]. */
export interface StridedPlan {
  readonly output: number[];
  readonly strides: [number, number, number][];
}

/**
 * Merges the axes of `outShape` (operand i reads element (i₀, i₁, …) at Σ iₖ·strides[i][k]) into at
 * most three: size-1 axes go, and neighbours merge where every operand steps over the inner one
 * contiguously. Null when more than three axes remain.
 */
export function planStrided(outShape: readonly number[], operandStrides: readonly (readonly number[])[]): StridedPlan | null {
  const dims: number[] = [];
  const merged: number[][] = operandStrides.map(() => []);
  for (let axis = 0; axis < outShape.length; axis++) {
    const d = outShape[axis];
    if (d === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && operandStrides.every((s, k) => merged[k][last] === s[axis] * d)) {
      dims[last] *= d;
      for (let k = 0; k < merged.length; k++) merged[k][last] = operandStrides[k][axis];
    } else {
      dims.push(d);
      for (let k = 0; k < merged.length; k++) merged[k].push(operandStrides[k][axis]);
    }
  }
  if (dims.length > 3) return null;
  if (dims.length === 0) {
    dims.push(1);
    for (const s of merged) s.push(0);
  }
  const pad = 3 - dims.length;
  return {
    output: [...dims].reverse(),
    strides: merged.map((s) => [...new Array<number>(pad).fill(0), ...s] as [number, number, number]),
  };
}

/** One pass of a reduction over the middle axis of x viewed as [outer, r, inner], `chunk` elements per thread. */
export interface ReducePass {
  readonly outer: number;
  readonly r: number;
  readonly inner: number;
  readonly chunk: number;
  /** ⌈r / chunk⌉: the partial results per (outer, inner) this pass leaves. */
  readonly chunks: number;
}

/**
 * The passes that reduce `axes` of a contiguous tensor of `shape`, each over one run of adjacent
 * reduced axes (the last run first), splitting any run longer than `maxChunk` into partial results that
 * a later pass reduces. Empty when nothing needs reducing (only size-1 axes). Sizes must be non-zero.
 */
export function planReduce(shape: readonly number[], axes: readonly number[], maxChunk: number): ReducePass[] {
  let groups: { size: number; reduced: boolean }[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    if (shape[axis] === 1) continue;
    const reduced = axes.includes(axis);
    const last = groups[groups.length - 1];
    if (last && last.reduced === reduced) last.size *= shape[axis];
    else groups.push({ size: shape[axis], reduced });
  }
  const passes: ReducePass[] = [];
  for (;;) {
    let g = -1;
    for (let i = groups.length - 1; i >= 0; i--) {
      if (groups[i].reduced) {
        g = i;
        break;
      }
    }
    if (g < 0) return passes;
    let outer = 1;
    for (let i = 0; i < g; i++) outer *= groups[i].size;
    let inner = 1;
    for (let i = g + 1; i < groups.length; i++) inner *= groups[i].size;
    const r = groups[g].size;
    const chunk = Math.min(r, maxChunk);
    const chunks = Math.ceil(r / chunk);
    passes.push({ outer, r, inner, chunk, chunks });
    if (chunks > 1) {
      groups[g] = { size: chunks, reduced: true };
    } else {
      const rest = [...groups.slice(0, g), ...groups.slice(g + 1)];
      groups = [];
      for (const group of rest) {
        const last = groups[groups.length - 1];
        if (last && last.reduced === group.reduced) last.size *= group.size;
        else groups.push({ ...group });
      }
    }
  }
}

/**
 * Batched matmul strides: the batch axes of `outBatch` merged into at most two, (d₀, d₁), with each
 * operand's step along them (0 where it is broadcast). Null when more than two remain.
 */
export function planBatch(
  outBatch: readonly number[],
  aBatch: readonly number[],
  aMatrix: number,
  bBatch: readonly number[],
  bMatrix: number,
): { count: number; nb1: number; a: [number, number]; b: [number, number] } | null {
  const as = broadcastStrides(aBatch, outBatch).map((s) => s * aMatrix);
  const bs = broadcastStrides(bBatch, outBatch).map((s) => s * bMatrix);
  const plan = planStrided(outBatch, [as, bs]);
  if (plan === null || plan.output.length > 2) return null;
  const [d1, d0 = 1] = plan.output;
  const [, a0, a1] = plan.strides[0];
  const [, b0, b1] = plan.strides[1];
  return { count: d0 * d1, nb1: d1, a: [a0, a1], b: [b0, b1] };
}
