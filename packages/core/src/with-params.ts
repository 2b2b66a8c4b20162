import { type Layer, type Params, NnError, isTensor } from '@nn/tensor';

/**
 * Runs `fn` with the leaves of `model.params` temporarily replaced by those of `params` (same tree
 * shape), then puts the originals back: how full-batch methods evaluate the loss at trial points.
 */
export function withParams<T>(model: Layer, params: Params, fn: () => T): T {
  if (params === model.params) return fn();
  const saved = swapLeaves(model.params, params);
  try {
    return fn();
  } finally {
    swapLeaves(model.params, saved);
  }
}

/** Writes the leaves of `source` into `target` in place and returns a tree of the replaced leaves. */
function swapLeaves(target: Params, source: Params): Params {
  if (Array.isArray(target) && Array.isArray(source) && target.length === source.length) {
    return target.map((child, i) => {
      if (isTensor(child)) {
        (target as Params[])[i] = source[i];
        return child;
      }
      return swapLeaves(child, source[i]);
    });
  }
  if (typeof target === 'object' && !isTensor(target) && !Array.isArray(target) && typeof source === 'object') {
    const out: Record<string, Params> = {};
    const t = target as Record<string, Params>;
    const s = source as Record<string, Params>;
    for (const key of Object.keys(t)) {
      if (!(key in s)) throw new NnError('withParams', `params differ from the model's at key '${key}'`);
      if (isTensor(t[key])) {
        out[key] = t[key];
        t[key] = s[key];
      } else out[key] = swapLeaves(t[key], s[key]);
    }
    return out;
  }
  throw new NnError('withParams', "params differ in structure from the model's");
}
