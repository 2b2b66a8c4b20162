import type { Kernel } from '../backend';
import { type TypedArray, allocate } from '../../dtype';
import { sizeOf, stridesOf } from '../../shape';
import { planRows } from './broadcast';

/** Tensors are immutable, so a reshape shares its input's buffer. */
export const reshapeKernel: Kernel<'reshape'> = ([x]) => x.data;

/** Shares the buffer: the value is the same, only autodiff treats it as a constant. */
export const identityKernel: Kernel<'identity'> = ([x]) => x.data;

/** Copies `x` into the broadcast shape `out.shape` (strides 0 along the broadcast axes). */
export const broadcastToKernel: Kernel<'broadcastTo'> = ([x], _attrs, out) => {
  const xd = x.data as TypedArray;
  const y = allocate(out.dtype, sizeOf(out.shape));
  const plan = planRows(out.shape, [x.shape]);
  const [starts] = plan.starts;
  const [step] = plan.steps;
  const n = plan.rowLength;
  for (let r = 0; r < plan.rows; r++) {
    const o = r * n, i0 = starts[r];
    for (let j = 0; j < n; j++) y[o + j] = xd[i0 + j * step];
  }
  return y;
};

/** y[i₀…] = x[i_perm…]: output axis k is input axis perm[k]. */
export const permuteKernel: Kernel<'permute'> = ([x], { perm }, out) => {
  const xd = x.data as TypedArray;
  const y = allocate(out.dtype, xd.length);
  const inStrides = stridesOf(x.shape);
  const rank = perm.length;
  if (rank === 0 || xd.length === 0) {
    y.set(xd);
    return y;
  }
  const stride = perm.map((p) => inStrides[p]);
  const shape = out.shape;
  const n = shape[rank - 1];
  const step = stride[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let o = 0; o < y.length; o += n) {
    for (let j = 0; j < n; j++) y[o + j] = xd[offset + j * step];
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      offset += stride[axis];
      if (counter[axis] < shape[axis]) break;
      offset -= stride[axis] * shape[axis];
      counter[axis] = 0;
    }
  }
  return y;
};

/** y = x[begin : begin + size] along every axis. */
export const sliceKernel: Kernel<'slice'> = ([x], { begin, size }, out) => {
  const xd = x.data as TypedArray;
  const y = allocate(out.dtype, sizeOf(size));
  const rank = size.length;
  if (y.length === 0) return y;
  if (rank === 0) {
    y[0] = xd[0];
    return y;
  }
  const strides = stridesOf(x.shape);
  let start = 0;
  for (let i = 0; i < rank; i++) start += begin[i] * strides[i];
  const n = size[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let offset = start;
  for (let o = 0; o < y.length; o += n) {
    for (let j = 0; j < n; j++) y[o + j] = xd[offset + j];
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      offset += strides[axis];
      if (counter[axis] < size[axis]) break;
      offset -= strides[axis] * size[axis];
      counter[axis] = 0;
    }
  }
  return y;
};

/** Joins the inputs along `axis`: each output block of the leading axes is the inputs' blocks in turn. */
export const concatKernel: Kernel<'concat'> = (inputs, { axis }, out) => {
  const y = allocate(out.dtype, sizeOf(out.shape));
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= out.shape[i];
  const outBlock = outer === 0 ? 0 : y.length / outer;
  let at = 0;
  for (const input of inputs) {
    const xd = input.data as TypedArray;
    const block = outer === 0 ? 0 : xd.length / outer;
    for (let o = 0; o < outer; o++) y.set(xd.subarray(o * block, (o + 1) * block), o * outBlock + at);
    at += block;
  }
  return y;
};

/** Surrounds `x` with `value`: paddings[i] = [before, after] along axis i. */
export const padKernel: Kernel<'pad'> = ([x], { paddings, value }, out) => {
  const xd = x.data as TypedArray;
  const y = allocate(out.dtype, sizeOf(out.shape));
  if (value !== 0) y.fill(value);
  const rank = x.shape.length;
  if (xd.length === 0) return y;
  if (rank === 0) {
    y[0] = xd[0];
    return y;
  }
  const outStrides = stridesOf(out.shape);
  let start = 0;
  for (let i = 0; i < rank; i++) start += paddings[i][0] * outStrides[i];
  const n = x.shape[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let offset = start;
  for (let i = 0; i < xd.length; i += n) {
    y.set(xd.subarray(i, i + n), offset);
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      offset += outStrides[axis];
      if (counter[axis] < x.shape[axis]) break;
      offset -= outStrides[axis] * x.shape[axis];
      counter[axis] = 0;
    }
  }
  return y;
};

/** y[o, j, i] = x[o, indices[j], i] with o over the axes before `axis` and i over those after. */
export const gatherKernel: Kernel<'gather'> = ([x, indices], { axis }, out) => {
  const xd = x.data as TypedArray;
  const idx = indices.data as Int32Array;
  const dim = x.shape[axis];
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x.shape[i];
  let inner = 1;
  for (let i = axis + 1; i < x.shape.length; i++) inner *= x.shape[i];
  const y = allocate(out.dtype, outer * idx.length * inner);
  if (inner === 1) {
    // NOTE: an im2col or pooling gather: one element per index, no row loop.
    const count = idx.length;
    for (let o = 0, to = 0; o < outer; o++) {
      const base = o * dim;
      for (let j = 0; j < count; j++, to++) y[to] = xd[base + idx[j]];
    }
    return y;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < idx.length; j++) {
      const from = (o * dim + idx[j]) * inner;
      const to = (o * idx.length + j) * inner;
      // NOTE: a subarray view per row costs more than copying a short row element by element.
      if (inner < 64) for (let i = 0; i < inner; i++) y[to + i] = xd[from + i];
      else y.set(xd.subarray(from, from + inner), to);
    }
  }
  return y;
};

/** The adjoint of gather: y[o, indices[j], i] += u[o, j, i], into `size` slots along `axis`. */
export const scatterAddKernel: Kernel<'scatterAdd'> = ([updates, indices], { axis, size }, out) => {
  const ud = updates.data as TypedArray;
  const idx = indices.data as Int32Array;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= out.shape[i];
  // NOTE: the axes after `axis` are read off the output: with no indices, `updates` is empty and cannot tell.
  let inner = 1;
  for (let i = axis + 1; i < out.shape.length; i++) inner *= out.shape[i];
  const y = allocate(out.dtype, outer * size * inner);
  if (inner === 1) {
    const count = idx.length;
    for (let o = 0, from = 0; o < outer; o++) {
      const base = o * size;
      for (let j = 0; j < count; j++, from++) y[base + idx[j]] += ud[from];
    }
    return y;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < idx.length; j++) {
      const to = (o * size + idx[j]) * inner;
      const from = (o * idx.length + j) * inner;
      for (let i = 0; i < inner; i++) y[to + i] += ud[from + i];
    }
  }
  return y;
};

/** Converts element types; float → int32 truncates toward zero. */
export const castKernel: Kernel<'cast'> = ([x], { dtype }) => {
  const xd = x.data as TypedArray;
  const y = allocate(dtype, xd.length);
  if (dtype === 'int32') for (let i = 0; i < xd.length; i++) y[i] = Math.trunc(xd[i]);
  else y.set(xd);
  return y;
};
