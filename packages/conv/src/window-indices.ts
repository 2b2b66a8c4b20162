import { type Tensor, fromTypedArray, getBackend, keep } from '@nn/tensor';
import { type WindowGeometry, geometryKey } from './geometry';

/** Index tensors with their host copies, as `gather` takes them and as host code reads them. */
export interface CachedIndices {
  readonly tensor: Tensor;
  readonly array: Int32Array;
}

/** Entries kept per backend; a training run uses a handful (one per layer and batch size at most). */
const MAX_ENTRIES = 64;
/** Per backend, so a tensor made before `setBackend` is never fed to another backend's kernels. */
const caches = new WeakMap<object, Map<string, CachedIndices>>();

/** The entry under `key` for the active backend, built once by `build` and kept (least recently used out). */
function cached(key: string, shape: readonly number[], build: () => Int32Array): CachedIndices {
  const backend = getBackend();
  let cache = caches.get(backend);
  if (cache === undefined) {
    cache = new Map();
    caches.set(backend, cache);
  }
  let entry = cache.get(key);
  if (entry !== undefined) {
    cache.delete(key); // re-inserted below: Map order is recency order
  } else {
    const array = build();
    // NOTE: kept, since a tidy scope around the op that first builds it must not dispose the cache's tensor.
    entry = { tensor: keep(fromTypedArray(array, shape, 'int32')), array };
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, entry);
  return entry;
}

/**
 * im2col indices into one padded sample flattened to [C·Hp·Wp]: shape [C·kh·kw, Ho·Wo] with
 * cols[(c·kh + i)·kw + j, oy·Wo + ox] = c·Hp·Wp + (oy·sh + i·dh)·Wp + ox·sw + j·dw.
 */
export function im2colIndices(g: WindowGeometry): CachedIndices {
  const { c, kh, kw, sh, sw, dh, dw, hp, wp, ho, wo } = g;
  return cached(`im2col:${geometryKey(g)}`, [c * kh * kw, ho * wo], () => {
    const out = new Int32Array(c * kh * kw * ho * wo);
    let at = 0;
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const base = ch * hp * wp + i * dh * wp + j * dw;
          for (let oy = 0; oy < ho; oy++) {
            const row = base + oy * sh * wp;
            for (let ox = 0; ox < wo; ox++) out[at++] = row + ox * sw;
          }
        }
      }
    }
    return out;
  });
}

/**
 * im2col indices straight into one UNPADDED sample flattened to [C·H·W] and followed by a 0 and a 1
 * (so [C·H·W + 2]): shape [C·kh·kw (+ 1 with `biasRow`), Ho·Wo]. A tap that falls on the padding
 * reads the 0 at C·H·W; the optional last row reads the 1 at C·H·W + 1, which multiplies the bias
 * column of the weights. So neither a padded copy of x nor a separate bias add is needed.
 */
export function im2colIndicesUnpadded(g: WindowGeometry, biasRow: boolean): CachedIndices {
  const { c, h, w, kh, kw, sh, sw, dh, dw, ho, wo } = g;
  const top = g.padH[0];
  const left = g.padW[0];
  const rows = c * kh * kw + (biasRow ? 1 : 0);
  const key = `im2col-unpadded:${geometryKey(g)}:${h},${w},${top},${left}:${biasRow ? 1 : 0}`;
  return cached(key, [rows, ho * wo], () => {
    const zero = c * h * w;
    const out = new Int32Array(rows * ho * wo);
    let at = 0;
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          for (let oy = 0; oy < ho; oy++) {
            const y = oy * sh + i * dh - top;
            const rowInside = y >= 0 && y < h;
            const base = ch * h * w + y * w;
            for (let ox = 0; ox < wo; ox++) {
              const x = ox * sw + j * dw - left;
              out[at++] = rowInside && x >= 0 && x < w ? base + x : zero;
            }
          }
        }
      }
    }
    if (biasRow) out.fill(zero + 1, at);
    return out;
  });
}

/**
 * Pooling windows in one padded plane flattened to [Hp·Wp]: shape [Ho·Wo, kh·kw] with
 * windows[oy·Wo + ox, i·kw + j] = (oy·sh + i·dh)·Wp + ox·sw + j·dw, each window in row-major order.
 */
export function poolWindowIndices(g: WindowGeometry): CachedIndices {
  const { kh, kw, sh, sw, dh, dw, wp, ho, wo } = g;
  return cached(`pool:${geometryKey(g)}`, [ho * wo, kh * kw], () => {
    const out = new Int32Array(ho * wo * kh * kw);
    let at = 0;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) out[at++] = (oy * sh + i * dh) * wp + ox * sw + j * dw;
        }
      }
    }
    return out;
  });
}

/**
 * The same windows tap by tap: shape [kh·kw, Ho·Wo] with taps[i·kw + j, oy·Wo + ox] =
 * (oy·sh + i·dh)·Wp + ox·sw + j·dw. A gather with them gives [.., kh·kw, Ho·Wo], whose reduction over
 * the taps reads whole contiguous rows.
 */
export function poolTapIndices(g: WindowGeometry): CachedIndices {
  const { kh, kw, ho, wo } = g;
  const taps = kh * kw;
  const outputs = ho * wo;
  return cached(`pool-taps:${geometryKey(g)}`, [taps, outputs], () => {
    const windows = poolWindowIndices(g).array;
    const out = new Int32Array(taps * outputs);
    for (let t = 0; t < taps; t++) for (let l = 0; l < outputs; l++) out[t * outputs + l] = windows[l * taps + t];
    return out;
  });
}
