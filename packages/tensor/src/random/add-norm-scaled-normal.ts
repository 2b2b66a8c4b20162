import { isTraced, recordCustom } from '../autodiff/tape';
import { DTypeError, ShapeError, ValueError, formatShape } from '../errors';
import type { Backend } from '../backend/backend';
import { globalState } from '../global-state';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import { add, div, maximum, mul } from '../ops/binary';
import { assertTensor } from '../ops/convert';
import { fromTypedArray } from '../ops/creation';
import { sum } from '../ops/reduce';
import { sqrt, square } from '../ops/unary';
import { sizeOf } from '../shape';
import { Tensor } from '../tensor';
import { type StreamKey, fillKeyedNormal } from './keyed-stream';

/** The least s² of the differentiable gradient: √ has no finite derivative at 0. */
const TINY_SQUARE = 1e-30;

/**
 * out = y + std·s ⊙ z with a spread per row s_r = √(‖x_r‖² + extra): for y [..., cols] and x [..., xCols]
 * with the same leading axes, z ~ N(0, 1) from the keyed stream `key` (`fillKeyedNormal`'s normals in
 * y's shape). This is a dense layer's output with its weights (and, with extra = 1, its bias) made noisy
 * for every example apart: for y = xW + b and weights W + σE, E ~ N(0, 1) drawn per example, each output
 * is y + N(0, σ²(‖x‖² + 1)), independent of the others — so it is drawn as that, rows × cols normals
 * instead of one per weight (the local reparameterization trick; Kingma, Salimans & Welling, "Variational
 * dropout and the local reparameterization trick", NeurIPS 2015).
 * In one pass: the backend's fused kernel where it has one, else the TypeScript twin, the same bits
 * either way. Differentiable in y (∂out/∂y = I) and in x: ∂L/∂x_r = (std/s_r)·(Σ_j g_rj z_rj)·x_r (0 where
 * s_r = 0). float32 only.
 */
export function addNormScaledNormal(y: Tensor, x: Tensor, key: StreamKey, std: number, extra = 0): Tensor {
  const op = 'addNormScaledNormal';
  assertTensor(op, y);
  assertTensor(op, x);
  if (y.dtype !== 'float32' || x.dtype !== 'float32') throw new DTypeError(op, `expected float32 tensors, got y ${y.dtype} and x ${x.dtype}`);
  if (!(std >= 0 && Number.isFinite(std))) throw new ValueError(op, `std must be a finite number ≥ 0, got ${String(std)}`);
  if (!(extra >= 0 && Number.isFinite(extra))) throw new ValueError(op, `extra must be a finite number ≥ 0, got ${String(extra)}`);
  const lead = y.shape.slice(0, -1);
  if (y.rank === 0 || x.rank !== y.rank || lead.some((d, i) => d !== x.shape[i])) {
    throw new ShapeError(op, `expected y [..., cols] and x [..., xCols] with the same leading axes, got y ${formatShape(y.shape)} and x ${formatShape(x.shape)}`);
  }
  const rows = sizeOf(lead);
  const cols = y.shape[y.rank - 1];
  const xCols = x.shape[x.rank - 1];
  const backend = globalState().backend ?? cpuBackend;
  const fused = rows * cols > 0 ? backend.fused?.normScaledNormalF32?.(rows, cols, xCols, key, std, extra, storageOn(backend, y), storageOn(backend, x)) : undefined;
  let out: Tensor;
  let coef: Tensor;
  if (fused !== undefined) {
    out = new Tensor([...y.shape], 'float32', fused[0], backend);
    coef = new Tensor([...lead, 1], 'float32', fused[1], backend);
  } else {
    const host = fillNormScaledNormal(rows, cols, xCols, key, std, extra, y.dataSync() as Float32Array, x.dataSync() as Float32Array);
    out = fromTypedArray(host.out, [...y.shape], 'float32');
    coef = fromTypedArray(host.coef, [...lead, 1], 'float32');
  }
  // NOTE: coef rides along as an input (never traced), so that a tidy scope ending before the backward pass keeps it
  recordCustom([y, x, coef], out, (g, [, needX]) => [g, needX ? normScaledNormalGrad(g, x, coef, key, std, extra) : null, null]);
  return out;
}

/**
 * ∂L/∂x of `addNormScaledNormal` given g = ∂L/∂out: dx_r = x_r·(coef_r·t_r), t_r = Σ_j g_rj·z_rj, the
 * normals z made again from their key, in float32 (t summed in float64 from left to right): the backend's
 * fused kernel where it has one, else the same on the host. When this gradient is itself differentiated
 * (g or x traced: a Hessian-vector product), the op chain of the formula instead, with coef_r = std/s_r
 * made from x, so that second derivatives reach both.
 */
function normScaledNormalGrad(g: Tensor, x: Tensor, coef: Tensor, key: StreamKey, std: number, extra: number): Tensor {
  const [rows, cols, xCols] = [coef.size, g.shape[g.rank - 1], x.shape[x.rank - 1]];
  if (isTraced(g) || isTraced(x)) {
    const z = fromTypedArray(fillKeyedNormal(new Float32Array(rows * cols), key, 0, 1), [...g.shape], 'float32');
    // NOTE: s clamped away from 0 (a row of zeros, no extra) keeps the derivatives finite there; x_r = 0 makes dx_r 0
    const s = sqrt(maximum(add(sum(square(x), -1, true), extra), TINY_SQUARE));
    return mul(x, div(mul(sum(mul(g, z), -1, true), std), s));
  }
  const backend = globalState().backend ?? cpuBackend;
  const fused = backend.fused?.normScaledNormalGradF32?.(rows, cols, xCols, key, storageOn(backend, g), storageOn(backend, x), storageOn(backend, coef));
  if (fused !== undefined) return new Tensor([...x.shape], 'float32', fused, backend);
  const dx = fillNormScaledNormalGrad(rows, cols, xCols, key, g.dataSync() as Float32Array, x.dataSync() as Float32Array, coef.dataSync() as Float32Array);
  return fromTypedArray(dx, [...x.shape], 'float32');
}

/**
 * The TypeScript twin of the gradient kernel: dx_rk = float32(x_rk·c_r), c_r = float32(coef_r·float32(t_r)),
 * t_r = Σ_j g_rj·z_rj in float64 from left to right, z from `fillKeyedNormal` (mean 0, std 1).
 */
export function fillNormScaledNormalGrad(rows: number, cols: number, xCols: number, key: StreamKey, g: Float32Array, x: Float32Array, coef: Float32Array): Float32Array {
  const z = fillKeyedNormal(new Float32Array(rows * cols), key, 0, 1);
  const dx = new Float32Array(rows * xCols);
  for (let r = 0; r < rows; r++) {
    let t = 0;
    for (let j = r * cols; j < (r + 1) * cols; j++) t += g[j] * z[j];
    const c = Math.fround(coef[r] * Math.fround(t));
    for (let k = r * xCols; k < (r + 1) * xCols; k++) dx[k] = x[k] * c;
  }
  return dx;
}

/** `t`'s storage for a kernel of `backend`: its own, or, made under another backend, a host array (the kernel copies it in). */
function storageOn(backend: Backend, t: Tensor): unknown {
  return t.backend === backend ? t.storage : t.dataSync();
}

/**
 * The TypeScript twin of `addNormScaledNormal`'s kernel, in float32 as the wasm kernel computes it:
 * ss_r = float32(Σ_k x_rk² summed in float64 from left to right), s_r = float32(√(ss_r + extra)),
 * out_rj = y_rj + (std·s_r)·z_rj and coef_r = std / s_r (0 where s_r = 0), z from `fillKeyedNormal`.
 */
export function fillNormScaledNormal(rows: number, cols: number, xCols: number, key: StreamKey, std: number, extra: number, y: Float32Array, x: Float32Array): { out: Float32Array; coef: Float32Array } {
  const out = fillKeyedNormal(new Float32Array(rows * cols), key, 0, 1);
  const coef = new Float32Array(rows);
  const std32 = Math.fround(std);
  const extra32 = Math.fround(extra);
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    for (let k = r * xCols; k < (r + 1) * xCols; k++) acc += x[k] * x[k];
    const s = Math.fround(Math.sqrt(Math.fround(acc) + extra32));
    coef[r] = s > 0 ? std32 / s : 0;
    const scale = Math.fround(std32 * s);
    for (let j = r * cols; j < (r + 1) * cols; j++) out[j] = y[j] + Math.fround(scale * out[j]);
  }
  return { out, coef };
}
