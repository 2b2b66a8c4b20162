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
 * im2col indices into one padded sample flattened to [C·Hp·Wp] (followed by a 1 with `biasRow`):
 * shape [C·kh·kw (+ 1), Ho·Wo] with cols[(c·kh + i)·kw + j, oy·Wo + ox] = c·Hp·Wp + (oy·sh + i·dh)·Wp +
 * ox·sw + j·dw, and the optional last row reading the 1 at C·Hp·Wp (the bias column's multiplier).
 */
export function im2colIndices(g: WindowGeometry, biasRow = false): CachedIndices {
  const { c, kh, kw, sh, sw, dh, dw, hp, wp, ho, wo } = g;
  const rows = c * kh * kw + (biasRow ? 1 : 0);
  return cached(`im2col:${geometryKey(g)}:${biasRow ? 1 : 0}`, [rows, ho * wo], () => {
    const out = new Int32Array(rows * ho * wo);
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
    if (biasRow) out.fill(c * hp * wp, at);
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
