import { DTypeError, ShapeError, type Tensor, add, concat, formatShape, gatherMatmul, matmul, ones, pad, reshape } from '@nn/tensor';
import { assertFloatTensor } from './assert';
import { type IntOrPair, type Padding, windowGeometry } from './geometry';
import { im2colIndices } from './window-indices';

export interface Conv2dOptions {
  /** Step between windows: one integer or [sh, sw]. Default 1. */
  readonly stride?: IntOrPair;
  /**
   * Zeros added on each side: p or [ph, pw] (default 0); 'valid' = 0; 'same' makes the output
   * ceil(H / sh) × ceil(W / sw) — the input's size at stride 1 — by padding (Ho − 1)·s + d(k − 1) + 1 − H
   * in all (never < 0), the odd one out at the bottom / right (TensorFlow's rule; PyTorch's at stride 1).
   */
  readonly padding?: Padding;
  /** Spacing between the kernel's taps: one integer or [dh, dw]. Default 1 (a dense kernel). */
  readonly dilation?: IntOrPair;
}

/**
 * 2-D cross-correlation, as every framework calls convolution (the kernel is not flipped):
 * y[n, o, oy, ox] = b[o] + Σ_{c,i,j} w[o, c, i, j] · x̃[n, c, oy·sh + i·dh, ox·sw + j·dw], x̃ the padded x.
 * x is [N, C, H, W], w is [O, C, kh, kw], b (optional) is [O]; y is [N, O, Ho, Wo] with
 * Ho = floor((H + 2p − d(kh − 1) − 1) / s) + 1 (likewise Wo; see `convOutputSize`).
 *
 * A composite (im2col): x padded, flattened per sample with a 1 appended, then ONE `gatherMatmul` of
 * [w | b] as [O, C·kh·kw + 1] with the columns [C·kh·kw + 1, Ho·Wo] that cached int32 indices pick from
 * each sample (the last row reads the 1, so the bias rides in the product). At stride 1 each output
 * row's windows are consecutive elements of a padded row, which the wasm kernel packs as vectors. Its
 * gradient is a scatter-add (col2im) and matmuls, so autodiff and every backend work as they are; the
 * wasm backend packs the columns straight into its GEMM panels instead of materializing them.
 * @see K. Chellapilla, S. Puri, P. Simard, "High performance convolutional neural networks for document processing", IWFHR 2006 (im2col)
 */
export function conv2d(x: Tensor, w: Tensor, b?: Tensor | null, { stride = 1, padding = 0, dilation = 1 }: Conv2dOptions = {}): Tensor {
  const op = 'conv2d';
  assertFloatTensor(op, x, 'input', 4, '[N,C,H,W]');
  assertFloatTensor(op, w, 'weights', 4, '[O,C,kh,kw]');
  const [o, c, kh, kw] = w.shape;
  if (w.shape.some((d) => d === 0)) throw new ShapeError(op, `expected weights [O,C,kh,kw] without empty axes, got ${formatShape(w.shape)}`);
  if (x.shape[1] !== c) throw new ShapeError(op, `expected input of shape [N,C,H,W] with C = ${c}, got ${formatShape(x.shape)}`);
  if (w.dtype !== x.dtype) throw new DTypeError(op, `input is ${x.dtype} but weights are ${w.dtype}; cast one with cast(x, '${w.dtype}')`);
  if (b !== undefined && b !== null) {
    assertFloatTensor(op, b, 'bias', 1, `[O] = [${o}]`);
    if (b.shape[0] !== o) throw new ShapeError(op, `expected bias of shape [O] = [${o}], got ${formatShape(b.shape)}`);
    if (b.dtype !== w.dtype) throw new DTypeError(op, `bias is ${b.dtype} but weights are ${w.dtype}`);
  }
  const g = windowGeometry(op, x.shape, [kh, kw], { stride, padding, dilation });
  const k = c * kh * kw;
  const bias = b === undefined || b === null ? null : b;
  if (kh === 1 && kw === 1 && g.sh === 1 && g.sw === 1 && g.hp === g.h && g.wp === g.w) {
    // NOTE: a 1×1 convolution needs no columns: x already is them.
    const y = reshape(matmul(reshape(w, [o, k]), reshape(x, [g.n, c, g.h * g.w])), [g.n, o, g.ho, g.wo]);
    return bias === null ? y : add(y, reshape(bias, [o, 1, 1]));
  }
  // Each sample padded, flattened and (for the bias row) followed by a 1.
  const padded = g.hp === g.h && g.wp === g.w ? x : pad(x, [[0, 0], [0, 0], g.padH, g.padW]);
  const flat = reshape(padded, [g.n, c * g.hp * g.wp]);
  const xe = bias === null ? flat : concat([flat, ones([g.n, 1], x.dtype)], 1);
  const wk = bias === null ? reshape(w, [o, k]) : concat([reshape(w, [o, k]), reshape(bias, [o, 1])], 1);
  // columns [C·kh·kw (+1), Ho·Wo] of each sample, multiplied without being stored
  return reshape(gatherMatmul(wk, xe, im2colIndices(g, bias !== null).tensor), [g.n, o, g.ho, g.wo]);
}
