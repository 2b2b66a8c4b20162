import type { Kernel, KernelInput } from '../backend';
import { type TypedArray, allocate } from '../../dtype';
import { type Shape, stridesOf } from '../../shape';

/**
 * Offsets for a reduction: for each output element, the offset of its first input element; for each
 * reduced position, the offset to add. Reduction = Σ over reducedOffsets at each keptOffset.
 */
function reductionPlan(shape: Shape, axes: readonly number[]): { kept: Int32Array; reduced: Int32Array } {
  const strides = stridesOf(shape);
  const keptAxes = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return { kept: offsetsOver(shape, strides, keptAxes), reduced: offsetsOver(shape, strides, axes) };
}

/** Every offset reached by iterating `axes` of `shape` (row-major, last axis fastest). */
function offsetsOver(shape: Shape, strides: readonly number[], axes: readonly number[]): Int32Array {
  let count = 1;
  for (const a of axes) count *= shape[a];
  const out = new Int32Array(count);
  const counter = new Array<number>(axes.length).fill(0);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    out[i] = offset;
    for (let k = axes.length - 1; k >= 0; k--) {
      const a = axes[k];
      counter[k]++;
      offset += strides[a];
      if (counter[k] < shape[a]) break;
      offset -= strides[a] * shape[a];
      counter[k] = 0;
    }
  }
  return out;
}

/** True when the reduced axes are the trailing ones, so each output reads one contiguous block. */
function isTrailing(shape: Shape, axes: readonly number[]): boolean {
  return axes.every((a, i) => a === shape.length - axes.length + i);
}

export const sumKernel: Kernel<'sum'> = ([x], { axes }, out) => {
  const y = allocate(out.dtype, outSize(x, axes));
  sumInto(x.data as TypedArray, x.shape, axes, y);
  return y;
};

/** y = Σ of x over `axes`, into `y` (every element written). */
export function sumInto(xd: TypedArray, shape: Shape, axes: readonly number[], y: TypedArray): void {
  if (isTrailing(shape, axes)) {
    const block = y.length === 0 ? 0 : xd.length / y.length;
    for (let o = 0; o < y.length; o++) {
      let acc = 0;
      const base = o * block;
      for (let r = 0; r < block; r++) acc += xd[base + r];
      y[o] = acc;
    }
    return;
  }
  if (isLeading(axes) && y.length > 0) {
    // Rows of the leading axes are added in turn (bias gradients): contiguous reads, no index plan.
    const width = y.length;
    const acc = new Float64Array(width);
    for (let start = 0; start < xd.length; start += width) for (let j = 0; j < width; j++) acc[j] += xd[start + j];
    y.set(acc);
    return;
  }
  const { kept, reduced } = reductionPlan(shape, axes);
  for (let o = 0; o < kept.length; o++) {
    let acc = 0;
    const base = kept[o];
    for (let r = 0; r < reduced.length; r++) acc += xd[base + reduced[r]];
    y[o] = acc;
  }
}

/**
 * When the reduced axes are the last but one and the last but three, x is [outer, rows, mid, cols]
 * with rows and cols reduced (a pooling's windows, [N·C·Ho, kh, Wo, kw]): the sizes, else undefined.
 * Exported for the accelerated backends, which reduce the same pattern in one pass.
 */
export function windowPair(shape: Shape, axes: readonly number[]): { outer: number; rows: number; mid: number; cols: number } | undefined {
  const rank = shape.length;
  if (axes.length !== 2 || axes[0] !== rank - 3 || axes[1] !== rank - 1) return undefined;
  let outer = 1;
  for (let i = 0; i < rank - 3; i++) outer *= shape[i];
  return { outer, rows: shape[rank - 3], mid: shape[rank - 2], cols: shape[rank - 1] };
}

/** True when the reduced axes are 0, 1, …, k − 1. */
function isLeading(axes: readonly number[]): boolean {
  return axes.every((a, i) => a === i);
}

/**
 * When the reduced axes are consecutive, x is [outer, dim, inner] with them merged into dim: the sizes,
 * else undefined.
 */
function consecutiveRun(shape: Shape, axes: readonly number[]): { outer: number; dim: number; inner: number } | undefined {
  if (axes.length === 0 || !axes.every((a, i) => a === axes[0] + i)) return undefined;
  const last = axes[axes.length - 1];
  let outer = 1;
  let dim = 1;
  let inner = 1;
  shape.forEach((d, i) => {
    if (i < axes[0]) outer *= d;
    else if (i <= last) dim *= d;
    else inner *= d;
  });
  return { outer, dim, inner };
}

function extremum(sign: 1 | -1): Kernel<'max' | 'min'> {
  return ([x], { axes }, out) => {
    const xd = x.data as TypedArray;
    const y = allocate(out.dtype, outSize(x, axes));
    const run = consecutiveRun(x.shape, axes);
    if (run !== undefined && run.dim > 0) {
      // Rows of the reduced run streamed in order into y (contiguous reads): the same first-wins and
      // NaN-propagating choice as the loop below, element by element.
      const { outer, dim, inner } = run;
      for (let o = 0; o < outer; o++) {
        const yBase = o * inner;
        const xBase = o * dim * inner;
        for (let i = 0; i < inner; i++) y[yBase + i] = xd[xBase + i];
        for (let d = 1; d < dim; d++) {
          const row = xBase + d * inner;
          for (let i = 0; i < inner; i++) {
            const v = xd[row + i];
            const best = y[yBase + i];
            if (sign * v > sign * best || (v !== v && best === best)) y[yBase + i] = v;
          }
        }
      }
      return y;
    }
    const pair = windowPair(x.shape, axes);
    if (pair !== undefined && pair.rows * pair.cols > 0) {
      // Each window in row-major (r, q) order, as the loop below takes it, without building its plan.
      const { outer, rows, mid, cols } = pair;
      const rowSize = mid * cols;
      for (let o = 0, at = 0; o < outer; o++) {
        const xo = o * rows * rowSize;
        for (let m = 0; m < mid; m++, at++) {
          let best = xd[xo + m * cols];
          for (let r = 0; r < rows; r++) {
            const row = xo + r * rowSize + m * cols;
            for (let q = r === 0 ? 1 : 0; q < cols; q++) {
              const v = xd[row + q];
              if (sign * v > sign * best || (v !== v && best === best)) best = v;
            }
          }
          y[at] = best;
        }
      }
      return y;
    }
    const { kept, reduced } = reductionPlan(x.shape, axes);
    for (let o = 0; o < kept.length; o++) {
      const base = kept[o];
      let best = -Infinity;
      for (let r = 0; r < reduced.length; r++) {
        const v = sign * xd[base + reduced[r]];
        if (v > best || v !== v) {
          best = v;
          if (v !== v) break; // NaN propagates, as in NumPy and PyTorch
        }
      }
      y[o] = sign * best;
    }
    return y;
  };
}

export const maxKernel: Kernel<'max'> = extremum(1);
export const minKernel: Kernel<'min'> = extremum(-1);

function argExtremum(sign: 1 | -1): Kernel<'argmax' | 'argmin'> {
  return ([x], { axis }, out) => {
    const xd = x.data as TypedArray;
    const dim = x.shape[axis];
    let inner = 1;
    for (let i = axis + 1; i < x.shape.length; i++) inner *= x.shape[i];
    const outer = dim === 0 ? 0 : xd.length / (dim * inner);
    const y = allocate(out.dtype, outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * dim * inner + i;
        let best = -Infinity;
        let at = 0;
        for (let d = 0; d < dim; d++) {
          const v = sign * xd[base + d * inner];
          if (v > best || (v !== v && best === best)) {
            best = v;
            at = d;
            if (v !== v) break; // the first NaN wins, as in NumPy
          }
        }
        y[o * inner + i] = at;
      }
    }
    return y;
  };
}

export const argmaxKernel: Kernel<'argmax'> = argExtremum(1);
export const argminKernel: Kernel<'argmin'> = argExtremum(-1);

function outSize(x: KernelInput, axes: readonly number[]): number {
  let n = 1;
  x.shape.forEach((d, i) => {
    if (!axes.includes(i)) n *= d;
  });
  return n;
}
